# Welsh strings for sessionpack documents (Cymraeg).
#
# Review status is per string: a string whose comment ends with the line "awaiting review"
# was composed by the sessionpack developers (from reference/welsh.md and the Welsh-language
# review, reference/welsh-review.md) and must be signed off by a qualified Welsh translator
# (DWP's Welsh Language Unit) before letters are sent. A translator's sign-off removes that
# line (`sessionpack strings import` does it from the status column). `sessionpack strings
# export FILE.xlsx` lists every string with its English, its Welsh and its status.
# "same in both languages" marks a string rightly identical to the English.
#
# The Welsh-language review (reference/welsh-review.md): every finding is fixed in these
# strings, the templates or the code, except these, answered here:
# - m14 (the LMS interview type in the Welsh column): it is the name LMS shows, which staff
#   must match exactly, so it stays in English, tagged as English for screen readers.
# - m17 (line breaks in dates): addresses' postcodes do not break; dates still may.
# - m18 (straight apostrophes in data): data is printed as the office typed it; a Welsh text
#   with ' is not changed to ’, since that would change a name's spelling too.
# - m20 (a Welsh phone line): the statement now says phone calls in Welsh are welcome; a
#   separate Welsh line (`phone_cy`) waits for DWP to confirm one.
# - m21 (labels repeated): style only; the poster and forms keep a label per fact.
# The second Welsh-language review (reference/welsh-review-2.md): its four majors and findings
# 5, 7-10, 12-17, 19, 20 and 22 are fixed in these strings, the templates, the code or the
# example; these are answered here (and in docs/design.md):
# - 6 (a heading of its own for using Welsh): the letter must fit one sheet, so the offer to
#   use Welsh and the correspondence statement are one paired panel at the letter's end, with
#   the reviewer's "Mae croeso i chi ddefnyddio’r Gymraeg yn y sesiwn" wording.
# - 2 (the letter sentence for `cy` claimants, "if DWP agrees"): not added; the Welsh panel
#   welcomes Welsh, and choosing Welsh letters now counts as a wish to use Welsh at the session.
# - 11 (the no-Welsh-speaker line on the previews too): `check` warns (GS020) before anything
#   is sent, and the script says it at the top, in "Before the session".
# - 18 (Welsh alphabetical order of language names): the script's interpreter counts are still
#   in code-point order; a Welsh collator would need ICU's collation data, not yet a dependency.
# - 21 (the guest speaker in both languages): the `speaker` field stays one text, printed as
#   typed; a bilingual `speaker` is a data-format change left for a later issue.
# The names the tool gives languages CLDR lacks (src/l10n/languages.rs: `Iaith Arwyddion
# Prydain (BSL)`, `Cwrdeg (Kurmanji)`, `Tsieinëeg Mandarin`, `Krio`, `Dari`, `Sylheti`) await
# review too.
# The research note's errors that mattered here: `tan` soft-mutates (welsh.md §3.3 left it off
# the list): `tan ganol dydd`, `i ganol dydd`; the note did not cover the meetings standards
# (the offer to use Welsh at the session, now in letters and posters from Wales).
#
# Every key here must also be in en.ftl, with the same placeholders.
# Variables: $name $title $phone $minutes $start $end $page $total

## Common

# awaiting review
org-name = Canolfan Byd Gwaith
# awaiting review
label-phone = Ffôn
# awaiting review
label-date = Dyddiad
# awaiting review
label-reference = Ein cyfeirnod
# awaiting review
page-number = Tudalen { $page } o { $total }
# After the phone number, when it is free to call (0800, 0808).
# awaiting review
contact-free = am ddim
# GOV.UK contact details: the text relay service for people who are deaf or have speech loss.
# awaiting review
contact-relay = Relay UK: 18001 ac yna { $phone }
# The phone line’s opening hours, as GOV.UK gives Jobcentre Plus’s: change them here for an
# office whose hours differ.
# awaiting review
contact-hours = Dydd Llun i ddydd Gwener, 8yb tan 5yh

## Invitation letter

# awaiting review
letter-title = Gwahoddiad: { $title }
# The point first (GOV.UK content design). $date is the date in a sentence (Welsh: `ddydd …`),
# $at the start time (Welsh: mutated after `am`).
# awaiting review
letter-heading = Rydym yn eich gwahodd i sesiwn wybodaeth grŵp { $date } am { $at }
# GIS 11-12: a Jobseeker’s Direction leads with what the reader must do.
# awaiting review
letter-heading-direction = Rhaid i chi ddod i sesiwn wybodaeth grŵp { $date } am { $at }
# awaiting review
letter-greeting = Annwyl { $name },
# GIS 18-19
# awaiting review
letter-intro = Enw’r sesiwn yw “{ $title }”. Bydd yn rhoi gwybodaeth i chi am swyddi, hyfforddiant a chymorth yn yr ardal, a gallwch ofyn cwestiynau. Ni fydd rhaid i chi siarad am eich sefyllfa eich hun o flaen y grŵp.
# awaiting review
label-session = Sesiwn
# awaiting review
label-day = Dyddiad
# awaiting review
label-time = Amser
# awaiting review
label-place = Lleoliad
# awaiting review
label-travel = Teithio
# awaiting review
time-range = { $start } tan { $end }
# GSG 40: a session extended for language support (community-language interpreting, not
# Welsh: welsh-review-2 finding 5).
# awaiting review
letter-about-extended = Bydd yn para { $minutes } munud, er mwyn rhoi amser i’r cyfieithwyr.
# GIS 5
# awaiting review
letter-voluntary = Nid oes rhaid i chi ddod, ac ni fydd eich budd-dal yn newid os na fyddwch yn dod. Os na allwch ddod, rhowch wybod i ni er mwyn i ni gynnig eich lle i rywun arall.
# awaiting review
letter-arrive = Dewch 10 munud yn gynnar.
# GIS 11-12. The term is TermCymru’s: Cyfarwyddyd i Geisiwr Gwaith (welsh-review-2 finding 1).
# awaiting review
letter-direction-given = Mae eich cynghorydd wedi rhoi Cyfarwyddyd i Geisiwr Gwaith i chi, sy’n ei gwneud yn ofynnol i chi ddod i’r sesiwn hon.
# Printed in bold: the one sentence that changes the reader’s obligations (RNIB: bold only for
# short emphasis). The consequence wording is for DWP policy to confirm.
# awaiting review
letter-direction-must = Os na fyddwch yn dod, ac os nad oes gennych reswm da dros beidio â dod, gallai eich budd-dal gael ei atal neu ei leihau.
# awaiting review
letter-direction-call = Os na allwch ddod, ffoniwch ni cyn y sesiwn.
# GSG 29, 40: what the office recorded about the reader is used. $language is its name in the
# letter’s language.
# awaiting review
letter-interpreter = Byddwn yn trefnu cyfieithydd { $language } ar eich cyfer yn y sesiwn.
# GSG 36-37
# awaiting review
letter-access-needs = Rydym wedi nodi eich anghenion: { $needs }.
# GSG 41, 44
# awaiting review
letter-travel-at-next-visit = Gallwch hawlio eich costau teithio yn ôl: dewch â’ch tocynnau neu’ch derbynebau i’ch apwyntiad nesaf yn y Ganolfan Byd Gwaith.
# awaiting review
letter-travel-by-post = Gallwch hawlio eich costau teithio yn ôl drwy’r post, ar ffurflen a gewch yn y sesiwn: cadwch eich tocynnau neu’ch derbynebau.
# awaiting review
heading-help = Os oes angen help arnoch
# GSG 35-37, GIS 7; Equality Act 2010 s.20(6): information in an accessible format.
# awaiting review
letter-help = Os byddai’n well gennych gael apwyntiad un i un, neu os oes angen cyfieithydd neu help gyda mynediad arnoch, ffoniwch ni ar { $phone } cyn y sesiwn. Gallwn anfon y llythyr mewn print bras, braille, sain neu fformat arall.
# Welsh Language Standards, standard 7, and the meetings standards, in one statement: in an
# English letter from an office in Wales the Welsh is printed directly above the English.
# awaiting review
letter-welsh = Mae croeso i chi ddefnyddio’r Gymraeg yn y sesiwn, ac wrth ysgrifennu atom neu ein ffonio. Byddwn yn ateb yn Gymraeg, heb oedi.
# Under the Welsh heading of a Welsh-then-English letter, in both languages.
# awaiting review
letter-other-sheet = Fersiwn Saesneg ar y ddalen nesaf
# awaiting review
letters-batch-title = Llythyrau gwahoddiad i’w hargraffu: { $title }

## Preview list (office use only)

# awaiting review
preview-title = Rhestr ragolwg: { $title }
# A long list is made in parts, each its own file. Numerals after "o" are not mutated.
# awaiting review
part-of = Rhan { $part } o { $parts }
# awaiting review
preview-intro = Pob rhes yn y rhestr hawlwyr, a’r penderfyniad ynghylch eu gwahodd. Ar gyfer y Swyddog Gweinyddu a Chymorth Dyddiaduron a rheolwr y swyddfa yn unig: dyma’r unig ddogfen sy’n rhoi’r rhesymau.
# Under the title of the list that holds violence and MAPPA reasons (design review V3).
# awaiting review
preview-handling = Peidiwch ag argraffu mwy o gopïau nag sydd eu hangen. Peidiwch â mynd â hi allan o’r swyddfa.
# The print job (design review Q1).
# awaiting review
heading-print = I’w argraffu
# awaiting review
print-letters = letters.pdf: { $letters } o lythyrau ar { $sheets } o ddalennau. Argraffwch ar y ddwy ochr, gan droi ar yr ymyl hir: mae pob llythyr yn dechrau ar ei ddalen ei hun. Plygwch bob llythyr unwaith i amlen ffenestr C5.
# awaiting review
print-large = Print bras (gwiriwch y rhain, a defnyddiwch amlen fwy os oes angen): { $refs }
# awaiting review
print-claims = travel-claims.pdf a gweddill pecyn yr hwylusydd: argraffwch ar y ddwy ochr; mae pob ffurflen hawlio yn dechrau ar ei dalen ei hun.
# awaiting review
preview-summary = Wedi’u gwahodd: { $invited }. Heb eu gwahodd: { $notinvited }.
# awaiting review
preview-not-built = SESIWN HEB EI CHYNHYRCHU: { $errors ->
    [one] 1 gwall
    [two] 2 wall
    [few] 3 gwall
    [many] 6 gwall
   *[other] { $errors } o wallau
}. Ni chafodd llythyrau na phecyn yr hwylusydd eu gwneud ar gyfer y sesiwn hon. Dangosir pob problem ar ei rhes; cywirwch nhw a chynhyrchwch y sesiwn eto.
# awaiting review
preview-relaxed = Rheolau a laciwyd yn sessionpack.yaml: { $rules }
# Rule levels, in the list's language (welsh-review-2 finding 9).
# awaiting review
level-allow = caniatáu
# awaiting review
level-warn = rhybudd
# awaiting review
level-deny = gwall
# awaiting review
preview-over-limit = Dros y terfyn: gwahoddiad rhif { $position }; yr uchafswm yw { $limit } (GSG 32)
# awaiting review
col-row = Rhes
# awaiting review
col-reference = Cyfeirnod
# awaiting review
col-name = Enw
# awaiting review
col-language = Iaith
# awaiting review
col-format = Fformat
# awaiting review
col-decision = Penderfyniad
# awaiting review
col-reason = Rheswm
# awaiting review
col-notes = Nodiadau a rhybuddion
# awaiting review
decision-invited = Gwahodd
# awaiting review
decision-not-invited = Peidio â gwahodd
# A row with an error in a list that was not built (design review V2).
# awaiting review
decision-fix-row = Heb ei chynhyrchu: cywirwch y rhes hon
# awaiting review
reason-potentially-violent = Gallai fod yn dreisgar (GSG 28)
# awaiting review
reason-unacceptable-behaviour = Ymddygiad annerbyniol (GSG 30)
# awaiting review
reason-mappa = Achos MAPPA heb gymeradwyaeth rheolwr (GSG 33)
# awaiting review
reason-suitability-review = Adolygiad addasrwydd heb gymeradwyaeth rheolwr (GSG 28)
# awaiting review
reason-objects-to-group = Yn gwrthwynebu sesiwn grŵp: cynigiwch apwyntiad un i un (GSG 35-36)
# awaiting review
format-standard = Safonol
# awaiting review
format-large-print = Print bras
# awaiting review
language-en = Saesneg
# awaiting review
language-cy = Cymraeg
# awaiting review
language-cy-en = Cymraeg a Saesneg
# awaiting review
language-not-recorded-cy-en = Dim dewis wedi’i gofnodi (Cymraeg a Saesneg)
# awaiting review
language-not-recorded-en = Dim dewis wedi’i gofnodi (Saesneg)
# awaiting review
note-interpreter = Cyfieithydd: { $language }
# awaiting review
note-access = Mynediad: { $needs }
# awaiting review
access-step-free = llwybr heb risiau
# awaiting review
access-hearing-loop = dolen sain
# awaiting review
access-accessible-toilet = toiled hygyrch
# awaiting review
note-manager-approved = Cymeradwywyd gan reolwr (GSG 33)
# awaiting review
note-direction = Cyfarwyddyd i Geisiwr Gwaith
# welsh-review-2 finding 2
# awaiting review
note-welsh-at-session = Am ddefnyddio’r Gymraeg yn y sesiwn
# awaiting review
note-error = Gwall { $code }
# awaiting review
warning-GS011 = Rhybudd: gofal plant, ac mae’r sesiwn y tu allan i oriau ysgol
# awaiting review
warning-GS013 = Rhybudd: nid yw’r sesiwn ar ddiwrnod Adolygiad Chwilio am Waith yr hawlydd
# awaiting review
warning-GS016 = Rhybudd: gwahoddiad i sesiwn arall ar yr un diwrnod hefyd

## Facilitator script

# awaiting review
script-title = Sgript yr hwylusydd: { $title }
# awaiting review
script-purpose = Yr amserlen ar gyfer hwyluswyr y sesiwn hon.
# awaiting review
label-facilitators = Hwyluswyr
# awaiting review
role-lead = arweinydd
# awaiting review
role-deputy = dirprwy
# awaiting review
role-support = cynorthwyydd
# awaiting review
role-welsh-speaker = yn siarad Cymraeg
# awaiting review
heading-run-sheet = Amserlen
# awaiting review
col-time = Amser
# awaiting review
col-section = Adran
# awaiting review
col-minutes = Munudau
# awaiting review
col-speaker = Siaradwr
# awaiting review
section-introduction = Cyflwyniad
# awaiting review
section-opportunities = Cyfleoedd cyflogaeth, hyfforddiant a chyfleoedd eraill
# awaiting review
section-services = Gwasanaethau’r Ganolfan Byd Gwaith
# awaiting review
section-summary = Crynodeb
# GIS 19
# awaiting review
script-introduce = Cyflwynwch yr hwyluswyr ac esboniwch eu rôl.
# awaiting review
script-domestics = Esboniwch y trefniadau ymarferol:
# awaiting review
domestic-travel-at-next-visit = Costau teithio: gall hawlwyr eu hawlio yn ystod eu hymweliad nesaf â’r Ganolfan Byd Gwaith. Dywedwch wrthynt am gadw eu tocynnau a’u derbynebau.
# awaiting review
domestic-travel-by-post = Costau teithio: rhannwch y ffurflenni hawlio costau teithio. Anfonir hawliadau drwy’r post; ni thelir arian yn y sesiwn.
# awaiting review
label-refreshments = Lluniaeth
# awaiting review
label-fire = Man ymgynnull tân
# awaiting review
label-toilets = Toiledau
# awaiting review
label-finishing = Amser gorffen
# awaiting review
script-outline = Rhowch amlinelliad: mae’r sesiwn yn para { $minutes } munud ac yn ymdrin â’r cyfleoedd yn yr ardal, gwasanaethau’r Ganolfan Byd Gwaith, a chwestiynau.
# awaiting review
script-reassure = Tawelwch feddwl pawb: nid oes rhaid i neb drafod eu hamgylchiadau personol o flaen y grŵp.
# The meetings standards: said at the start (welsh-review-2 finding 12).
# awaiting review
script-welsh-welcome = Atgoffwch bawb fod croeso iddynt ddefnyddio’r Gymraeg yn y sesiwn.
# awaiting review
script-opportunities = Cyflwynwch y cyfleoedd hyn, gan bwysleisio eu manteision; cadwch y manylion gweithredol yn fyr.
# awaiting review
script-services = Amlinellwch brif wasanaethau’r Ganolfan Byd Gwaith:
# awaiting review
service-jobpoints = Pwyntiau Swyddi
# awaiting review
service-disability = help i bobl anabl
# Proposed: no published Welsh name found for the Flexible Support Fund (welsh.md §5.3).
# awaiting review
service-fsf = y Gronfa Cymorth Hyblyg
# awaiting review
script-summarise = Crynhowch y cyflwyniad.
# awaiting review
script-questions = Gwahoddwch gwestiynau.
# awaiting review
script-next = Esboniwch beth sy’n digwydd nesaf.
# awaiting review
script-one-to-ones = Trefnwch unrhyw gyfweliadau un i un y gofynnir amdanynt, a’u nodi ar y gofrestr bresenoldeb.
# awaiting review
heading-support-needs = Cymorth sydd ei angen ar y rhai a wahoddwyd
# The facilitators act on this before the day: it comes first (design review S2).
# awaiting review
heading-before = Cyn y sesiwn
# awaiting review
script-no-names = Niferoedd yn unig: mae’r enwau ar y gofrestr bresenoldeb.
# awaiting review
count-invited = Wedi’u gwahodd: { $count }
# awaiting review
count-interpreter = Cyfieithydd ({ $language }): { $count }
# same in both languages
# awaiting review
count-access = { $need }: { $count }
# awaiting review
count-welsh-at-session = Am ddefnyddio’r Gymraeg yn y sesiwn: { $count }
# welsh-review-2 finding 2
# awaiting review
count-welsh-choice = Wedi dewis gohebiaeth Gymraeg neu ddwyieithog: { $count }
# awaiting review
script-no-welsh-speaker = Nid oes hwylusydd sy’n siarad Cymraeg: trefnwch un, neu drefnwch wasanaeth cyfieithu ar y pryd o’r Gymraeg i’r Saesneg (Safonau’r Gymraeg: cyfarfodydd).
# awaiting review
count-none = Nid oes cyfieithwyr nac anghenion mynediad wedi’u cofnodi.

## Attendance register

# awaiting review
register-title = Cofrestr bresenoldeb: { $title }
# awaiting review
label-lms = Math o gyfweliad LMS
# awaiting review
col-attended = Yn bresennol (tic)
# awaiting review
col-declaration = Datganiad y farchnad lafur: llofnod
# awaiting review
col-travel-claim = Ffurflen hawlio costau teithio wedi’i rhoi (tic)
# awaiting review
col-one-to-one = Wedi gofyn am apwyntiad un i un
# GIS 23
# awaiting review
register-reminder = Mae pob hawlydd yn llofnodi datganiad y farchnad lafur bob tro y bydd yn bresennol, oni bai bod yr hawlydd eisoes wedi llofnodi un heddiw (GIS 23).
# GSG 42
# awaiting review
register-crosscheck = Defnyddir y rhestr hon i groeswirio taliadau teithio (GSG 42).
# The register's completion block (design review R4; GIS 23, GSG 42).
# awaiting review
register-attended = Nifer a ddaeth
# awaiting review
register-facilitator-signature = Llofnod yr hwylusydd
# awaiting review
register-checked = Wedi’i gwirio yn erbyn yr hawliadau costau teithio gan

## Travel-claim form

# awaiting review
claim-title = Ffurflen hawlio costau teithio
# awaiting review
claim-intro = Hawliwch eich costau teithio i’r sesiwn wybodaeth grŵp yn ôl. Llenwch y ffurflen hon â llaw.
# awaiting review
label-name = Enw
# awaiting review
heading-journeys = Eich teithiau
# awaiting review
col-from = O
# awaiting review
col-to = I
# awaiting review
col-how = Sut (bws, trên, car)
# same in both languages
# awaiting review
col-cost = Cost (£)
# awaiting review
row-outward = Allan
# awaiting review
row-return = Yn ôl
# awaiting review
label-total = Cyfanswm (£)
# awaiting review
label-tickets = Tocynnau neu dderbynebau ynghlwm
# awaiting review
claim-declaration = Rwy’n datgan bod yr wybodaeth a roddais yn wir ac yn gyflawn, a fy mod wedi gwneud y daith hon i ddod i’r sesiwn.
# awaiting review
claim-warning = Os byddwch yn rhoi gwybodaeth anwir, efallai y byddwn yn cymryd camau yn eich erbyn.
# awaiting review
label-signature = Llofnod
# awaiting review
claim-at-next-visit = Dewch â’r ffurflen hon, gyda’ch tocynnau neu’ch derbynebau, i’ch apwyntiad nesaf yn y Ganolfan Byd Gwaith.
# awaiting review
claim-by-post = Anfonwch y ffurflen hon, gyda’ch tocynnau neu’ch derbynebau, drwy’r post i’r swyddfa isod. Byddwn yn talu’r arian i’ch cyfrif banc.
# awaiting review
heading-bank = Eich manylion banc (llenwch â llaw)
# awaiting review
label-account-name = Enw deiliad y cyfrif
# awaiting review
label-sort-code = Cod didoli
# awaiting review
label-account-number = Rhif y cyfrif
# awaiting review
label-roll-number = Rhif rôl y gymdeithas adeiladu (os oes un)
# awaiting review
label-office = Swyddfa
# GSG 42: the office's record of the claim.
# awaiting review
office-use = At ddefnydd y swyddfa
# awaiting review
office-received = Dyddiad ei derbyn
# awaiting review
office-amount = Swm a dalwyd (£)
# awaiting review
office-checked = Wedi’i gwirio yn erbyn y gofrestr gan
# awaiting review
office-lps = Cyfeirnod y taliad
# awaiting review
claims-batch-title = Ffurflenni hawlio costau teithio: { $title }

## Feedback questionnaire

# awaiting review
feedback-title = Dywedwch wrthym beth oeddech chi’n ei feddwl
# awaiting review
feedback-intro = Mae’r holiadur hwn yn ddienw: peidiwch ag ysgrifennu eich enw. Mae eich atebion yn ein helpu i wella ein sesiynau.
# awaiting review
feedback-scale = Ticiwch un blwch ar gyfer pob cwestiwn: 1 yw gwael iawn, 5 yw da iawn.
# The ends of each row of boxes (design review F2).
# awaiting review
scale-low = Gwael iawn
# awaiting review
scale-high = Da iawn
# awaiting review
q-content = Pa mor ddefnyddiol oedd yr wybodaeth yn y sesiwn?
# awaiting review
q-clear = Pa mor glir y cafodd ei hesbonio?
# awaiting review
q-facilitator = Pa mor gymwynasgar oedd yr hwyluswyr?
# awaiting review
q-venue = Pa mor addas oedd y lleoliad (mynediad, cysur, cyfleusterau)?
# awaiting review
q-overall = At ei gilydd, pa mor dda oedd y sesiwn?
# awaiting review
q-best = Beth oedd fwyaf defnyddiol?
# awaiting review
q-improve = Beth allem ni ei wneud yn well?
# awaiting review
feedback-thanks = Diolch. Gadewch y ffurflen hon yn y blwch wrth y drws.

## Poster

# awaiting review
poster-heading = Sesiwn wybodaeth grŵp
# awaiting review
poster-free = Mae’n rhad ac am ddim. Gallwch hawlio eich costau teithio yn ôl.
# awaiting review
poster-welsh-welcome = Mae croeso i chi ddefnyddio’r Gymraeg yn y sesiwn.
# awaiting review
poster-ask = Gofynnwch yn y dderbynfa os hoffech ddod, neu ffoniwch { $phone }.
# awaiting review
heading-access = Mynediad
# awaiting review
access-fact-step-free = Mynediad heb risiau
# awaiting review
access-fact-hearing-loop = Dolen sain
# awaiting review
access-fact-accessible-toilet = Toiled hygyrch
# awaiting review
access-fact-no-step-free = Dim mynediad heb risiau
# awaiting review
access-fact-no-hearing-loop = Dim dolen sain
# awaiting review
access-fact-no-accessible-toilet = Dim toiled hygyrch
# Welsh Language Standards: printed, Welsh first, with the English on English forms from Wales.
# awaiting review
claim-welsh-available = Mae’r ffurflen hon ar gael yn Gymraeg hefyd: gofynnwch yn y Ganolfan Byd Gwaith.
# Under the NOT BUILT banner of a session whose file, office or claimant list could not be read.
# awaiting review
preview-unreadable = Nid oedd modd darllen ffeil y sesiwn, neu'r hyn y mae'n ei enwi, felly nid oes rhestr hawlwyr i'w dangos. Mae ei phroblemau isod: cywirwch nhw a chynhyrchwch y sesiwn eto.
