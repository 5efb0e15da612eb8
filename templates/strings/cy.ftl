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
letter-about = Ni fydd y sesiwn yn para mwy nag awr. Bydd yn rhoi gwybodaeth i chi am y swyddi, yr hyfforddiant a’r cymorth sydd ar gael yn yr ardal, a gallwch ofyn cwestiynau. Nid oes rhaid i neb drafod eu hamgylchiadau personol o flaen y grŵp.
# GSG 40
letter-about-extended = Bydd y sesiwn yn para { $minutes } munud, er mwyn cael amser i gyfieithu ar y pryd. Bydd yn rhoi gwybodaeth i chi am y swyddi, yr hyfforddiant a’r cymorth sydd ar gael yn yr ardal, a gallwch ofyn cwestiynau. Nid oes rhaid i neb drafod eu hamgylchiadau personol o flaen y grŵp.
# GIS 5
letter-voluntary = Mae dod i’r sesiwn yn wirfoddol. Os byddwch yn penderfynu peidio â dod, ni fydd hyn yn effeithio ar eich budd-dal.
# GIS 11-12
letter-direction = Mae eich cynghorydd wedi rhoi Cyfarwyddyd Ceisiwr Gwaith i chi ddod i’r sesiwn hon, gan y bydd dod iddi yn eich helpu i ddod o hyd i waith. Os na fyddwch yn dod i’r sesiwn, ac os nad oes gennych reswm da dros beidio â dod, gallai hyn effeithio ar eich budd-dal. Os na allwch ddod, ffoniwch ni ar { $phone } cyn y sesiwn.
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
welsh-welcome = Rydym yn croesawu gohebiaeth a galwadau ffôn yn Gymraeg. Byddwn yn ateb gohebiaeth Gymraeg yn Gymraeg, ac ni fydd gohebu yn Gymraeg yn arwain at oedi.
# The meetings standards: an invitation from an office in Wales offers the use of Welsh.
letter-welsh-meeting = Gallwch ddefnyddio’r Gymraeg yn y sesiwn. Os hoffech wneud hynny, rhowch wybod i ni ar { $phone } cyn y sesiwn a byddwn yn trefnu hynny.
letter-sign-off = Yn gywir
letters-batch-title = Llythyrau gwahoddiad i’w hargraffu: { $title }

## Preview list (office use only)

preview-title = Rhestr ragolwg: { $title }
preview-intro = Pob rhes yn y rhestr hawlwyr, a’r penderfyniad ynghylch eu gwahodd. Ar gyfer y Swyddog Gweinyddu Dyddiadur a Chymorth a rheolwr y swyddfa yn unig: dyma’r unig ddogfen sy’n rhoi’r rhesymau.
preview-summary = Wedi’u gwahodd: { $invited }. Heb eu gwahodd: { $notinvited }.
# Composed, awaiting review: preview-not-built, preview-relaxed, preview-over-limit, note-error.
preview-not-built = HEB EI GYNHYRCHU: { $errors ->
    [one] 1 gwall
   *[other] { $errors } o wallau
}. Ni chafodd llythyrau na phecyn yr hwylusydd eu gwneud ar gyfer y sesiwn hon. Dangosir pob problem ar ei rhes; cywirwch nhw a chynhyrchu eto.
preview-relaxed = Rheolau a laciwyd yn sessionpack.yaml: { $rules }
preview-over-limit = Dros y terfyn: gwahoddiad { $position } o { $limit } ar y mwyaf (GSG 32)
col-row = Rhes
col-reference = Cyfeirnod
col-name = Enw
col-language = Iaith
col-format = Fformat
col-decision = Penderfyniad
col-reason = Rheswm
col-notes = Nodiadau a rhybuddion
decision-invited = Gwahoddwyd
decision-not-invited = Ni wahoddwyd
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
note-error = Gwall { $code }
warning-GS011 = Rhybudd: gofal plant, ac mae’r sesiwn y tu allan i oriau ysgol
warning-GS013 = Rhybudd: nid yw’r sesiwn ar ddiwrnod Adolygiad Chwilio am Waith yr hawlydd
warning-GS016 = Rhybudd: gwahoddiad i sesiwn arall ar yr un diwrnod hefyd

## Facilitator script

script-title = Sgript yr hwylusydd: { $title }
script-purpose = Yr amserlen ar gyfer hwyluswyr y sesiwn hon.
label-facilitators = Hwyluswyr
role-lead = arweinydd
role-deputy = dirprwy
role-support = cynorthwyydd
heading-run-sheet = Amserlen
col-time = Amser
col-section = Rhan
col-minutes = Munudau
col-speaker = Siaradwr
section-introduction = Cyflwyniad
section-opportunities = Cyfleoedd cyflogaeth, hyfforddiant a chyfleoedd eraill
section-services = Gwasanaethau’r Ganolfan Byd Gwaith
section-summary = Crynodeb
# GIS 19
script-introduce = Cyflwynwch yr hwyluswyr ac esboniwch eu rôl.
script-domestics = Esboniwch y trefniadau ymarferol:
domestic-travel-at-next-visit = Costau teithio: gall hawlwyr eu hawlio yn ystod eu hymweliad nesaf â’r Ganolfan Byd Gwaith. Dywedwch wrthynt am gadw eu tocynnau a’u derbynebau.
domestic-travel-by-post = Costau teithio: rhannwch y ffurflenni hawlio costau teithio. Anfonir hawliadau drwy’r post; ni thelir arian yn y sesiwn.
label-refreshments = Lluniaeth
label-fire = Man ymgynnull tân
label-toilets = Toiledau
label-finishing = Amser gorffen
script-outline = Rhowch amlinelliad: mae’r sesiwn yn para { $minutes } munud ac yn ymdrin â’r cyfleoedd yn yr ardal, gwasanaethau’r Ganolfan Byd Gwaith, a chwestiynau.
script-reassure = Sicrhewch bawb nad oes rhaid i neb drafod eu hamgylchiadau personol o flaen y grŵp.
script-opportunities = Cyflwynwch y cyfleoedd hyn, gan bwysleisio eu manteision; cadwch y manylion gweithredol yn fyr.
script-services = Amlinellwch brif wasanaethau’r Ganolfan Byd Gwaith:
service-jobpoints = Pwyntiau Swyddi
service-disability = help i bobl anabl
# Proposed: no published Welsh name found for the Flexible Support Fund (welsh.md §5.3).
service-fsf = y Gronfa Cymorth Hyblyg
script-summarise = Crynhowch y cyflwyniad.
script-questions = Gwahoddwch gwestiynau.
script-next = Esboniwch beth sy’n digwydd nesaf.
script-one-to-ones = Trefnwch unrhyw gyfweliadau un i un y gofynnir amdanynt, a’u nodi ar y gofrestr bresenoldeb.
heading-support-needs = Cymorth sydd ei angen ar y rhai a wahoddwyd
script-no-names = Niferoedd yn unig: mae’r enwau ar y gofrestr bresenoldeb.
count-invited = Wedi’u gwahodd: { $count }
count-interpreter = Cyfieithydd ({ $language }): { $count }
count-access = { $need }: { $count }
count-welsh-at-session = Am ddefnyddio’r Gymraeg yn y sesiwn: { $count }
script-no-welsh-speaker = Nid oes hwylusydd sy’n siarad Cymraeg: trefnwch un, neu gyfieithu ar y pryd o’r Gymraeg (Safonau’r Gymraeg, cyfarfodydd).
count-none = Nid oes cyfieithwyr nac anghenion mynediad wedi’u cofnodi.

## Attendance register

register-title = Cofrestr bresenoldeb: { $title }
label-lms = Math o gyfweliad LMS
col-attended = Yn bresennol
col-declaration = Datganiad y farchnad lafur: llofnod
col-travel-claim = Hawliad teithio
col-one-to-one = Wedi gofyn am apwyntiad un i un
# GIS 23
register-reminder = Mae pob hawlydd yn llofnodi datganiad y farchnad lafur bob tro y bydd yn bresennol, oni bai bod yr hawlydd eisoes wedi llofnodi un heddiw (GIS 23).
# GSG 42
register-crosscheck = Defnyddir y rhestr hon i groeswirio taliadau teithio (GSG 42).

## Travel-claim form

claim-title = Ffurflen hawlio costau teithio
claim-intro = Hawliwch gost teithio i’r sesiwn wybodaeth grŵp yn ôl.
label-name = Enw
label-journey-from = Taith o
label-journey-to = Taith i
label-transport = Sut y teithioch chi (bws, trên, car…)
label-cost = Cost (£)
label-tickets = Tocynnau neu dderbynebau ynghlwm
claim-declaration = Rwy’n datgan bod yr wybodaeth a roddais yn wir ac yn gyflawn, a fy mod wedi gwneud y daith hon i ddod i’r sesiwn.
label-signature = Llofnod
claim-at-next-visit = Dewch â’r ffurflen hon, gyda’ch tocynnau neu’ch derbynebau, i’ch apwyntiad nesaf yn y Ganolfan Byd Gwaith.
claim-by-post = Anfonwch y ffurflen hon, gyda’ch tocynnau neu’ch derbynebau, drwy’r post i’r swyddfa isod. Byddwn yn talu’r arian i’ch cyfrif banc.
heading-bank = Eich manylion banc (llenwch â llaw)
label-account-name = Enw deiliad y cyfrif
label-sort-code = Cod didoli
label-account-number = Rhif y cyfrif
label-office = Swyddfa
claims-batch-title = Ffurflenni hawlio costau teithio: { $title }

## Feedback questionnaire

feedback-title = Dywedwch wrthym beth oeddech chi’n ei feddwl
feedback-intro = Mae’r holiadur hwn yn ddienw: peidiwch ag ysgrifennu eich enw. Mae eich atebion yn ein helpu i wella ein sesiynau.
feedback-scale = Ticiwch un blwch ar gyfer pob cwestiwn: 1 yw gwael iawn, 5 yw da iawn.
q-content = Pa mor ddefnyddiol oedd yr wybodaeth yn y sesiwn?
q-clear = Pa mor glir y cafodd ei hesbonio?
q-facilitator = Pa mor gymwynasgar oedd yr hwyluswyr?
q-venue = Pa mor addas oedd y lleoliad (mynediad, cysur, cyfleusterau)?
q-overall = At ei gilydd, pa mor dda oedd y sesiwn?
q-best = Beth oedd fwyaf defnyddiol?
q-improve = Beth allem ni ei wneud yn well?
feedback-thanks = Diolch. Gadewch y ffurflen hon yn y blwch wrth y drws.

## Poster

poster-heading = Sesiwn wybodaeth grŵp
poster-free = Am ddim. Gellir hawlio costau teithio yn ôl.
poster-welsh-welcome = Mae croeso i chi ddefnyddio’r Gymraeg yn y sesiwn.
poster-ask = I gael rhagor o wybodaeth neu i gadw lle, gofynnwch yn y dderbynfa neu ffoniwch { $phone }.
heading-access = Mynediad
access-fact-step-free = Mynediad heb risiau
access-fact-hearing-loop = Dolen sain
access-fact-accessible-toilet = Toiled hygyrch
access-fact-no-step-free = Dim mynediad heb risiau
access-fact-no-hearing-loop = Dim dolen sain
access-fact-no-accessible-toilet = Dim toiled hygyrch
# Welsh Language Standards: printed, Welsh first, with the English on English forms from Wales.
claim-welsh-available = Mae’r ffurflen hon ar gael yn Gymraeg hefyd: gofynnwch yn y Ganolfan Byd Gwaith.
