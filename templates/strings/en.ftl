# English strings for sessionpack documents.
# Every key here must also be in cy.ftl: a key missing from one language is an error.
# Variables: $name $title $phone $minutes $start $end $page $total

## Common

org-name = Jobcentre Plus
label-phone = Phone
label-date = Date
label-reference = Our reference
page-number = Page { $page } of { $total }
# After the phone number, when it is free to call (0800, 0808).
contact-free = free
# GOV.UK contact details: the text relay service for people who are deaf or have speech loss.
contact-relay = Relay UK: 18001 then { $phone }
# The phone line’s opening hours, as GOV.UK gives Jobcentre Plus’s: change them here for an
# office whose hours differ.
contact-hours = Monday to Friday, 8am to 5pm

## Invitation letter

letter-title = Invitation: { $title }
# The point first (GOV.UK content design). $date is the date in a sentence (Welsh: `ddydd …`),
# $at the start time (Welsh: mutated after `am`).
letter-heading = You’re invited to a group information session on { $date } at { $at }
# GIS 11-12: a Jobseeker’s Direction leads with what the reader must do.
letter-heading-direction = You must go to a group information session on { $date } at { $at }
letter-greeting = Dear { $name },
# GIS 18-19
letter-intro = The session is called “{ $title }”. It will tell you about jobs, training and support in the area, and you can ask questions. You will not have to talk about your own situation in front of the group.
label-session = Session
label-day = Date
label-time = Time
label-place = Place
label-travel = Travel
time-range = { $start } to { $end }
# GSG 40: a session extended for language support (community-language interpreting, not
# Welsh: welsh-review-2 finding 5).
letter-about-extended = It lasts { $minutes } minutes, to give the interpreters time to work.
# GIS 5
letter-voluntary = You do not have to come, and your benefit will not change if you do not. If you cannot come, please tell us so we can offer your place to someone else.
letter-arrive = Please arrive 10 minutes early.
# GIS 11-12. The term is TermCymru’s: Cyfarwyddyd i Geisiwr Gwaith (welsh-review-2 finding 1).
letter-direction-given = Your adviser has given you a Jobseeker’s Direction to go to this session.
# Printed in bold: the one sentence that changes the reader’s obligations (RNIB: bold only for
# short emphasis). The consequence wording is for DWP policy to confirm.
letter-direction-must = If you do not go and do not have a good reason, your benefit could be stopped or reduced.
letter-direction-call = If you cannot go, phone us before the session.
# GSG 29, 40: what the office recorded about the reader is used. $language is its name in the
# letter’s language.
letter-interpreter = We will arrange an interpreter for { $language } for you at the session.
# GSG 36-37
letter-access-needs = We have noted your needs: { $needs }.
# GSG 41, 44
letter-travel-at-next-visit = You can claim back your travel costs: bring your tickets or receipts to your next appointment at the Jobcentre.
letter-travel-by-post = You can claim back your travel costs by post: keep your tickets or receipts, and you will get a form at the session.
heading-help = If you need help
# GSG 35-37, GIS 7; Equality Act 2010 s.20(6): information in an accessible format.
letter-help = If you would rather have a one-to-one appointment, or need an interpreter or help with access, phone us on { $phone } before the session. We can send this letter in large print, braille, audio or another format.
# Welsh Language Standards, standard 7, and the meetings standards, in one statement: in an
# English letter from an office in Wales the Welsh is printed directly above the English.
letter-welsh = You are welcome to use Welsh at the session, and when you write to us or phone us. We will reply in Welsh, without delay.
# Under the Welsh heading of a Welsh-then-English letter, in both languages.
letter-other-sheet = English version on the next sheet
letters-batch-title = Invitation letters to print: { $title }

## Preview list (office use only)

preview-title = Preview list: { $title }
# A long list is made in parts, each its own file.
part-of = Part { $part } of { $parts }
preview-intro = Every row of the claimant list, with the decision on inviting them. For the Diary Admin and Support Officer and the office manager only: it is the only document that gives the reasons.
# Under the title of the list that holds violence and MAPPA reasons (design review V3).
preview-handling = Do not print more copies than you need. Do not take it out of the office.
# The print job (design review Q1).
heading-print = To print
print-letters = letters.pdf: { $letters } letters on { $sheets } sheets. Print double-sided, flip on long edge: each letter starts on a sheet of its own. Fold each letter once into a C5 window envelope.
print-large = Large print (check these, and use a larger envelope if needed): { $refs }
print-claims = travel-claims.pdf and the rest of the facilitator pack: print double-sided; each claim form starts on a sheet of its own.
preview-summary = { $invited } invited, { $notinvited } not invited.
preview-not-built = NOT BUILT: { $errors ->
    [one] 1 error
   *[other] { $errors } errors
}. No letters or facilitator pack were made for this session. Each problem is shown on its row; fix them and build again.
preview-relaxed = Rules relaxed in sessionpack.yaml: { $rules }
# Rule levels, in the list's language (welsh-review-2 finding 9).
level-allow = allow
level-warn = warn
level-deny = deny
preview-over-limit = Over the limit: invitation number { $position }; the most is { $limit } (GSG 32)
col-row = Row
col-reference = Reference
col-name = Name
col-language = Language
col-format = Format
col-decision = Decision
col-reason = Reason
col-notes = Notes and warnings
decision-invited = Invite
decision-not-invited = Do not invite
# A row with an error in a list that was not built (design review V2).
decision-fix-row = Not built: fix this row
reason-potentially-violent = Potentially violent (GSG 28)
reason-unacceptable-behaviour = Unacceptable behaviour (GSG 30)
reason-mappa = MAPPA case without manager approval (GSG 33)
reason-suitability-review = Suitability review without manager approval (GSG 28)
reason-objects-to-group = Objects to a group session: offer a one-to-one (GSG 35-36)
format-standard = Standard
format-large-print = Large print
language-en = English
language-cy = Welsh
language-cy-en = Welsh and English
language-not-recorded-cy-en = Not recorded (Welsh and English)
language-not-recorded-en = Not recorded (English)
note-interpreter = Interpreter: { $language }
note-access = Access: { $needs }
access-step-free = step-free route
access-hearing-loop = hearing loop
access-accessible-toilet = accessible toilet
note-manager-approved = Manager approved (GSG 33)
note-direction = Jobseeker’s Direction
# welsh-review-2 finding 2
note-welsh-at-session = Wishes to use Welsh at the session
note-error = Error { $code }
warning-GS011 = Warning: childcare, and the session is outside school hours
warning-GS013 = Warning: the session is not on their Jobsearch Review day
warning-GS016 = Warning: also invited to another session that day

## Facilitator script

script-title = Facilitator script: { $title }
script-purpose = The timed run-sheet for the facilitators of this session.
label-facilitators = Facilitators
role-lead = lead
role-deputy = deputy
role-support = support
role-welsh-speaker = speaks Welsh
heading-run-sheet = Run-sheet
col-time = Time
col-section = Section
col-minutes = Minutes
col-speaker = Speaker
section-introduction = Introduction
section-opportunities = Employment, training and other opportunities
section-services = Jobcentre Plus services
section-summary = Summary
# GIS 19
script-introduce = Introduce the facilitators and explain their role.
script-domestics = Explain the domestics:
domestic-travel-at-next-visit = Travel expenses: claimants can claim at their next visit to the Jobcentre. Tell them to keep their tickets and receipts.
domestic-travel-by-post = Travel expenses: hand out the travel-claim forms. Claims are sent by post; no money is paid out at the session.
label-refreshments = Refreshments
label-fire = Fire assembly point
label-toilets = Toilets
label-finishing = Finishing time
script-outline = Give an outline: the session lasts { $minutes } minutes and covers the opportunities in the area, Jobcentre Plus services, and questions.
script-reassure = Reassure everyone that nobody has to discuss their personal circumstances in front of the group.
# The meetings standards: said at the start (welsh-review-2 finding 12).
script-welsh-welcome = Remind everyone that they are welcome to use Welsh at the session.
script-opportunities = Present these opportunities, stressing their benefits; keep operational detail short.
script-services = Outline the mainstream Jobcentre Plus services:
service-jobpoints = Jobpoints
service-disability = help for people with disabilities
service-fsf = the Flexible Support Fund
script-summarise = Summarise the presentation.
script-questions = Invite questions.
script-next = Explain what happens next.
script-one-to-ones = Book any one-to-one interviews requested, and mark them on the attendance register.
heading-support-needs = Support needed by those invited
# The facilitators act on this before the day: it comes first (design review S2).
heading-before = Before the session
script-no-names = Numbers only: names are on the attendance register.
count-invited = Invited: { $count }
count-interpreter = { $language } interpreter: { $count }
count-access = { $need }: { $count }
count-welsh-at-session = Wish to use Welsh at the session: { $count }
# welsh-review-2 finding 2
count-welsh-choice = Chose Welsh or bilingual letters: { $count }
script-no-welsh-speaker = No facilitator speaks Welsh: arrange one, or simultaneous interpretation from Welsh (Welsh Language Standards, meetings).
count-none = No interpreters or access needs are recorded.

## Attendance register

register-title = Attendance register: { $title }
label-lms = LMS interview type
col-attended = Attended (tick)
col-declaration = Labour market declaration: signature
col-travel-claim = Claim form given (tick)
col-one-to-one = One-to-one requested
# GIS 23
register-reminder = Each claimant signs the labour market declaration at every attendance, unless they have already signed one today (GIS 23).
# GSG 42
register-crosscheck = This list is used to cross-check travel payments (GSG 42).
# The register's completion block (design review R4; GIS 23, GSG 42).
register-attended = Number who attended
register-facilitator-signature = Facilitator’s signature
register-checked = Checked against travel claims by

## Travel-claim form

claim-title = Travel expenses claim
claim-intro = Claim back the cost of travelling to the group information session. Fill in this form by hand.
label-name = Name
heading-journeys = Your journeys
col-from = From
col-to = To
col-how = How (bus, train, car)
col-cost = Cost (£)
row-outward = Outward
row-return = Return
label-total = Total (£)
label-tickets = Tickets or receipts attached
claim-declaration = I declare that the information I have given is true and complete, and that I made this journey to attend the session.
claim-warning = If you give false information, we may take action against you.
label-signature = Signature
claim-at-next-visit = Bring this form, with your tickets or receipts, to your next appointment at the Jobcentre.
claim-by-post = Send this form, with your tickets or receipts, by post to the office below. We pay the claim into your bank account.
heading-bank = Your bank details (fill in by hand)
label-account-name = Name of account holder
label-sort-code = Sort code
label-account-number = Account number
label-roll-number = Building society roll number (if any)
label-office = Office
# GSG 42: the office's record of the claim.
office-use = For office use
office-received = Date received
office-amount = Amount paid (£)
office-checked = Checked against the register by
office-lps = Payment reference
claims-batch-title = Travel-claim forms: { $title }

## Feedback questionnaire

feedback-title = Tell us what you thought
feedback-intro = This questionnaire is anonymous: please do not write your name. Your answers help us to improve our sessions.
feedback-scale = Tick one box for each question: 1 is very poor, 5 is very good.
# The ends of each row of boxes (design review F2).
scale-low = Very poor
scale-high = Very good
q-content = How useful was the information in the session?
q-clear = How clearly was it explained?
q-facilitator = How helpful were the facilitators?
q-venue = How suitable was the venue (access, comfort, facilities)?
q-overall = Overall, how good was the session?
q-best = What was most useful?
q-improve = What could we do better?
feedback-thanks = Thank you. Please leave this form in the box by the door.

## Poster

poster-heading = Group information session
poster-free = It’s free. You can claim back your travel costs.
poster-welsh-welcome = You are welcome to use Welsh at the session.
poster-ask = Ask at reception if you would like to come, or phone { $phone }.
heading-access = Access
access-fact-step-free = Step-free access
access-fact-hearing-loop = Hearing loop
access-fact-accessible-toilet = Accessible toilet
access-fact-no-step-free = No step-free access
access-fact-no-hearing-loop = No hearing loop
access-fact-no-accessible-toilet = No accessible toilet
# Welsh Language Standards: an English form from an office in Wales says a Welsh one exists.
claim-welsh-available = This form is also available in Welsh: ask at the Jobcentre.
# Under the NOT BUILT banner of a session whose file, office or claimant list could not be read.
preview-unreadable = The session's file, or what it names, could not be read, so there is no list of claimants to show. Its problems are below: fix them and build again.
