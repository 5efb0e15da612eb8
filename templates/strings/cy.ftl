# Welsh strings for sessionpack documents (Cymraeg).
#
# AWAITING TRANSLATOR REVIEW: the Welsh wording below was composed by the sessionpack
# developers from the sources in reference/welsh.md (GOV.UK Welsh pages, the Welsh
# Language Commissioner's guidance). Terms marked "proposed" in reference/welsh.md §5.3
# (Sesiwn Wybodaeth Grŵp, hwylusydd, ffurflen hawlio costau teithio, lleoliad) and every
# sentence here must be signed off by a qualified Welsh translator (DWP's Welsh language
# team) before letters are sent.
#
# Every key here must also be in en.ftl: a key missing from one language is an error.
# Variables: $name $title $phone $minutes $start $end $page $total

## Common

org-name = Canolfan Byd Gwaith
label-phone = Ffôn
label-date = Dyddiad
label-reference = Ein cyfeirnod
page-number = Tudalen { $page } o { $total }

## Invitation letter

letter-title = Gwahoddiad: { $title }
letter-greeting = Annwyl { $name },
letter-intro = Hoffem eich gwahodd i sesiwn wybodaeth grŵp.
label-session = Sesiwn
label-day = Dyddiad
label-time = Amser
label-place = Lleoliad
label-length = Hyd
time-range = { $start } tan { $end }
# Nouns stay singular after numerals: 60 munud (welsh.md §3.2).
length-minutes = { $minutes } munud
# GIS 18-19
letter-about = Ni fydd y sesiwn yn para mwy nag awr. Bydd yn rhoi gwybodaeth i chi am y swyddi, yr hyfforddiant a’r cymorth sydd ar gael yn yr ardal, a gallwch ofyn cwestiynau. Does dim rhaid i neb drafod eu hamgylchiadau personol o flaen y grŵp.
# GSG 40
letter-about-extended = Bydd y sesiwn yn para { $minutes } munud, er mwyn rhoi amser i gyfieithu. Bydd yn rhoi gwybodaeth i chi am y swyddi, yr hyfforddiant a’r cymorth sydd ar gael yn yr ardal, a gallwch ofyn cwestiynau. Does dim rhaid i neb drafod eu hamgylchiadau personol o flaen y grŵp.
# GIS 5
letter-voluntary = Mae dod i’r sesiwn yn wirfoddol. Os byddwch yn penderfynu peidio â dod, ni fydd hyn yn effeithio ar eich budd-dal.
# GIS 11-12
letter-direction = Mae eich cynghorydd wedi rhoi Cyfarwyddyd Ceisiwr Gwaith i chi ddod i’r sesiwn hon, oherwydd bydd dod yn eich helpu i ddod o hyd i waith. Os na fyddwch yn dod, a heb reswm da, gallai hyn effeithio ar eich budd-dal. Os na allwch ddod, ffoniwch ni ar { $phone } cyn y sesiwn.
heading-travel = Costau teithio
# GSG 41, 44
letter-travel-at-next-visit = Gallwch hawlio costau teithio i’r sesiwn yn ôl. Cadwch eich tocynnau neu’ch derbynebau a dewch â nhw i’ch apwyntiad nesaf yn y Ganolfan Byd Gwaith.
letter-travel-by-post = Gallwch hawlio costau teithio i’r sesiwn yn ôl. Byddwch yn cael ffurflen hawlio yn y sesiwn i’w llenwi a’i hanfon atom drwy’r post. Cadwch eich tocynnau neu’ch derbynebau.
heading-help = Os oes angen help arnoch
# GSG 35-36, GIS 7
letter-one-to-one = Os byddai’n well gennych beidio â chymryd rhan mewn sesiwn grŵp, gallwch ofyn am apwyntiad un i un yn lle hynny. Ffoniwch ni ar { $phone }.
# GSG 29, 36-37
letter-access = Os oes angen cyfieithydd arnoch, neu help gyda mynediad fel llwybr heb risiau neu ddolen sain, ffoniwch ni ar { $phone } cyn y sesiwn a byddwn yn trefnu hynny.
# Welsh Language Standards, standard 7 (welsh.md §1.2, proposed wording)
welsh-welcome = Rydym yn croesawu gohebiaeth yn Gymraeg. Byddwn yn ateb gohebiaeth Gymraeg yn Gymraeg, ac ni fydd gohebu yn Gymraeg yn arwain at oedi.
letter-sign-off = Yn gywir
letters-batch-title = Llythyrau gwahoddiad i’w hargraffu: { $title }

## Preview list (office use only)

preview-title = Rhestr rhagolwg: { $title }
preview-intro = Pob rhes yn y rhestr hawlwyr, gyda’r penderfyniad ar eu gwahodd. Ar gyfer y Swyddog Gweinyddu Dyddiadur a Chymorth a rheolwr y swyddfa yn unig: dyma’r unig ddogfen sy’n rhoi’r rhesymau.
preview-summary = Wedi’u gwahodd: { $invited }. Heb eu gwahodd: { $notinvited }.
col-row = Rhes
col-reference = Cyfeirnod
col-name = Enw
col-language = Iaith
col-format = Fformat
col-decision = Penderfyniad
col-reason = Rheswm
col-notes = Nodiadau a rhybuddion
decision-invited = Wedi’i wahodd
decision-not-invited = Heb ei wahodd
reason-potentially-violent = Gallai fod yn dreisgar (GSG 28)
reason-unacceptable-behaviour = Ymddygiad annerbyniol (GSG 30)
reason-mappa = Achos MAPPA heb gymeradwyaeth rheolwr (GSG 33)
reason-suitability-review = Adolygiad addasrwydd heb gymeradwyaeth rheolwr (GSG 28)
reason-objects-to-group = Yn gwrthwynebu sesiwn grŵp: cynigiwch apwyntiad un i un (GSG 35-36)
format-standard = Safonol
format-large-print = Print bras
language-en = Saesneg
language-cy = Cymraeg
language-cy-en = Cymraeg a Saesneg
note-interpreter = Cyfieithydd: { $language }
note-access = Mynediad: { $needs }
access-step-free = llwybr heb risiau
access-hearing-loop = dolen sain
access-accessible-toilet = toiled hygyrch
note-manager-approved = Cymeradwywyd gan reolwr (GSG 33)
note-direction = Cyfarwyddyd Ceisiwr Gwaith
warning-GS011 = Rhybudd: gofal plant, ac mae’r sesiwn y tu allan i oriau ysgol
warning-GS013 = Rhybudd: nid yw’r sesiwn ar ddiwrnod eu Hadolygiad Chwilio am Waith
warning-GS016 = Rhybudd: wedi’i wahodd i sesiwn arall y diwrnod hwnnw hefyd
