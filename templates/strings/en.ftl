# English strings for sessionpack documents.
# Every key here must also be in cy.ftl: a key missing from one language is an error.
# Variables: $name $title $phone $minutes $start $end $page $total

## Common

org-name = Jobcentre Plus
label-phone = Phone
label-date = Date
label-reference = Our reference
page-number = Page { $page } of { $total }

## Invitation letter

letter-title = Invitation: { $title }
letter-greeting = Dear { $name },
letter-intro = We would like to invite you to a group information session.
label-session = Session
label-day = Date
label-time = Time
label-place = Place
label-length = Length
time-range = { $start } to { $end }
length-minutes = { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}
# GIS 18-19
letter-about = The session lasts no more than an hour. It will tell you about the jobs, training and support available in the area, and you can ask questions. Nobody has to discuss their personal circumstances in front of the group.
# GSG 40: a session extended for language support
letter-about-extended = The session lasts { $minutes } minutes, to allow time for interpreting. It will tell you about the jobs, training and support available in the area, and you can ask questions. Nobody has to discuss their personal circumstances in front of the group.
# GIS 5
letter-voluntary = Coming to the session is voluntary. If you decide not to come, your benefit will not be affected.
# GIS 11-12
letter-direction = Your adviser has issued you with a Jobseeker’s Direction to attend this session, because attending will help you to find work. If you do not attend and do not have a good reason, your benefit could be affected. If you cannot come, phone us on { $phone } before the session.
heading-travel = Travel costs
# GSG 41, 44
letter-travel-at-next-visit = You can claim back the cost of travelling to the session. Keep your tickets or receipts and bring them to your next appointment at the Jobcentre.
letter-travel-by-post = You can claim back the cost of travelling to the session. You will be given a claim form at the session to fill in and send to us by post. Keep your tickets or receipts.
heading-help = If you need help
# GSG 35-36, GIS 7
letter-one-to-one = If you would rather not take part in a group session, you can ask for a one-to-one appointment instead. Phone us on { $phone }.
# GSG 29, 36-37
letter-access = If you need an interpreter, or help with access such as a step-free route or a hearing loop, phone us on { $phone } before the session and we will arrange it.
# Welsh Language Standards, standard 7
welsh-welcome = We welcome correspondence and phone calls in Welsh. We will reply to correspondence in Welsh in Welsh, and corresponding in Welsh will not lead to a delay.
# The meetings standards: an invitation from an office in Wales offers the use of Welsh.
letter-welsh-meeting = You can use Welsh at the session. If you would like to, tell us on { $phone } before the session and we will arrange it.
letter-sign-off = Yours sincerely
letters-batch-title = Invitation letters to print: { $title }

## Preview list (office use only)

preview-title = Preview list: { $title }
# A long list is made in parts, each its own file.
part-of = Part { $part } of { $parts }
preview-intro = Every row of the claimant list, with the decision on inviting them. For the Diary Admin and Support Officer and the office manager only: it is the only document that gives the reasons.
preview-summary = { $invited } invited, { $notinvited } not invited.
preview-not-built = NOT BUILT: { $errors ->
    [one] 1 error
   *[other] { $errors } errors
}. No letters or facilitator pack were made for this session. Each problem is shown on its row; fix them and build again.
preview-relaxed = Rules relaxed in sessionpack.yaml: { $rules }
preview-over-limit = Over the limit: invitation { $position } of at most { $limit } (GSG 32)
col-row = Row
col-reference = Reference
col-name = Name
col-language = Language
col-format = Format
col-decision = Decision
col-reason = Reason
col-notes = Notes and warnings
decision-invited = Invited
decision-not-invited = Not invited
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
note-direction = Jobseeker Direction
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
script-no-names = Numbers only: names are on the attendance register.
count-invited = Invited: { $count }
count-interpreter = { $language } interpreter: { $count }
count-access = { $need }: { $count }
count-welsh-at-session = Wish to use Welsh at the session: { $count }
script-no-welsh-speaker = No facilitator speaks Welsh: arrange one, or simultaneous interpretation from Welsh (Welsh Language Standards, meetings).
count-none = No interpreters or access needs are recorded.

## Attendance register

register-title = Attendance register: { $title }
label-lms = LMS interview type
col-attended = Attended
col-declaration = Labour market declaration: signature
col-travel-claim = Travel claim
col-one-to-one = One-to-one requested
# GIS 23
register-reminder = Each claimant signs the labour market declaration at every attendance, unless they have already signed one today (GIS 23).
# GSG 42
register-crosscheck = This list is used to cross-check travel payments (GSG 42).

## Travel-claim form

claim-title = Travel expenses claim
claim-intro = Claim back the cost of travelling to the group information session.
label-name = Name
label-journey-from = Journey from
label-journey-to = Journey to
label-transport = How you travelled (bus, train, car…)
label-cost = Cost (£)
label-tickets = Tickets or receipts attached
claim-declaration = I declare that the information I have given is true and complete, and that I made this journey to attend the session.
label-signature = Signature
claim-at-next-visit = Bring this form, with your tickets or receipts, to your next appointment at the Jobcentre.
claim-by-post = Send this form, with your tickets or receipts, by post to the office below. We pay the claim into your bank account.
heading-bank = Your bank details (fill in by hand)
label-account-name = Name of account holder
label-sort-code = Sort code
label-account-number = Account number
label-office = Office
claims-batch-title = Travel-claim forms: { $title }

## Feedback questionnaire

feedback-title = Tell us what you thought
feedback-intro = This questionnaire is anonymous: please do not write your name. Your answers help us to improve our sessions.
feedback-scale = Tick one box for each question: 1 is very poor, 5 is very good.
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
poster-free = Free to attend. Travel costs can be claimed back.
poster-welsh-welcome = You are welcome to use Welsh at the session.
poster-ask = To find out more or to book a place, ask at reception or phone { $phone }.
heading-access = Access
access-fact-step-free = Step-free access
access-fact-hearing-loop = Hearing loop
access-fact-accessible-toilet = Accessible toilet
access-fact-no-step-free = No step-free access
access-fact-no-hearing-loop = No hearing loop
access-fact-no-accessible-toilet = No accessible toilet
# Welsh Language Standards: an English form from an office in Wales says a Welsh one exists.
claim-welsh-available = This form is also available in Welsh: ask at the Jobcentre.
