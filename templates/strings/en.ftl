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
welsh-welcome = We welcome correspondence in Welsh. We will reply to correspondence in Welsh in Welsh, and corresponding in Welsh will not lead to a delay.
letter-sign-off = Yours sincerely
letters-batch-title = Invitation letters to print: { $title }

## Preview list (office use only)

preview-title = Preview list: { $title }
preview-intro = Every row of the claimant list, with the decision on inviting them. For the Diary Admin and Support Officer and the office manager only: it is the only document that gives the reasons.
preview-summary = { $invited } invited, { $notinvited } not invited.
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
note-interpreter = Interpreter: { $language }
note-access = Access: { $needs }
access-step-free = step-free route
access-hearing-loop = hearing loop
access-accessible-toilet = accessible toilet
note-manager-approved = Manager approved (GSG 33)
note-direction = Jobseeker Direction
warning-GS011 = Warning: childcare, and the session is outside school hours
warning-GS013 = Warning: the session is not on their Jobsearch Review day
warning-GS016 = Warning: also invited to another session that day
