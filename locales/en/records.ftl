# Records: agenda, delegates, issuers, decisions, recipients, speeches.
field-full-name = Full name
field-rank = Order
field-present = Present
field-notes = Notes

## Agenda
agenda-title = Conference agenda
agenda-add = Add an agenda item
agenda-empty = The agenda has no items yet. Add the first one below.
agenda-times-follow = When the order changes, start times are recomputed from the items' durations; the gaps between places are kept.
agenda-drag-hint = You can drag a row, or focus a row and press Alt+↑ / Alt+↓.
agenda-col-time = Time
agenda-col-item = Item
agenda-col-actions = Actions
agenda-move-up = Up
agenda-move-down = Down
agenda-back = Back to the agenda
agenda-edit = Edit the agenda item
agenda-delete = Delete this item
agenda-delete-hint = Its speeches will no longer belong to any item.
agenda-delete-confirm = Delete this agenda item?
agenda-speeches = Speeches
agenda-no-speeches = No speeches at this item yet.
agenda-speech-back = Back to the agenda item
agenda-speech-add = Add a speech
agenda-speech-edit = Edit the speech
agenda-speech-delete = Delete the speech
agenda-speech-delete-confirm = Delete this speech?
agenda-field-title = Title
agenda-field-kind = Kind
agenda-field-date = Date
agenda-field-start = Start time
agenda-field-duration = Duration (minutes)
agenda-field-presenter = Presenter
agenda-field-presenter-text = Presenter (free text, when not a delegate)
agenda-speech-field-title = Title
agenda-speech-field-kind = Kind of speech
agenda-speech-field-speaker = Speaker
agenda-speech-field-speaker-name = Speaker (free text, when not a delegate)
agenda-speech-field-speaker-position = Speaker's position
agenda-speech-field-minutes = Planned length (minutes)
agenda-speech-field-item = Agenda item
agenda-speech-field-summary = Summary
agenda-speech-field-full-text = Full text
agenda-minutes = { $count ->
    [one] 1 minute
   *[other] { $count } minutes
}
agenda-gap = Gap of { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
} before this item
agenda-overlap = Overlaps the previous item by { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}
agenda-total = { $count } minutes in all
agenda-span = From { $start } to { $end }
done-agenda-moved = Order changed; start times recomputed.
agenda-kind-welcome = Welcoming the delegates
agenda-kind-performance = Welcome performance
agenda-kind-flag_salute = Flag salute
agenda-kind-opening = Opening, introducing the delegates
agenda-kind-report = Review report
agenda-kind-contribution = Contribution
agenda-kind-discussion = Discussion
agenda-kind-award_ceremony = Award decisions and ceremony
agenda-kind-directive_speech = Directive speech
agenda-kind-reply = Reply to the directions
agenda-kind-pledge_signing = Signing the emulation pledge
agenda-kind-break = Break
agenda-kind-closing = Closing
agenda-kind-other = Other
agenda-speech-kind-review_report = Review report
agenda-speech-kind-contribution = Contribution
agenda-speech-kind-directive = Directive speech
agenda-speech-kind-reply = Reply to the directions
agenda-speech-kind-other = Speech

## Delegates
delegates-title = Delegates
delegates-new = Add a delegate
delegates-edit = Edit the delegate
delegates-back = Back to the delegates
delegates-delete = Delete the delegate
delegates-delete-confirm = Remove this delegate from the list?
delegates-search-label = Search and filter the delegates
delegates-search = Search by name (with or without diacritics)
delegates-search-button = Search
delegates-clear = Clear the filters
delegates-all = All
delegates-count = Showing { $shown } of { $total } delegates
delegates-field-honorific = Form of address
delegates-field-position = Position
delegates-field-organisation = Organisation
delegates-field-seat = Seat
delegates-field-contact = Contact
delegates-honorific-ong = Mr
delegates-honorific-ba = Ms
delegates-honorific-dong_chi = Comrade

## Check-in
checkin-title = Check-in
checkin-search-label = Find a delegate to check in
checkin-search = Delegate's name (diacritics optional)
checkin-search-button = Search
checkin-found = { $count ->
    [one] 1 delegate
   *[other] { $count } delegates
}
checkin-shown = Showing { $shown } of { $found } delegates; type more of the name to narrow.
checkin-arrived = delegates arrived
checkin-arrived-at = Arrived at { $time }
checkin-tap = Tap to check in
checkin-undo = Undo check-in
checkin-not-yet = Not yet arrived
done-checkin-in = Checked in.
done-checkin-undone = Check-in undone.
checkin-code-title = Check in by invitation code
checkin-code-label = The code printed under the invitation's QR code (any case)
checkin-code-button = Check in
checkin-scan = Scan QR code
checkin-scan-stop = Stop scanning
checkin-scan-unsupported = This browser cannot read QR codes with the camera yet. Please type the code printed under the QR code above.
checkin-scan-denied = The camera could not be opened (not allowed?). Please type the code printed under the QR code above.
checkin-code-ok = Checked in at { $time }. Welcome!
checkin-code-already = This code has been used: the delegate checked in at { $time }.
checkin-code-other = This invitation is for another conference. Nobody was checked in.
checkin-code-unknown = No invitation has this code. Please check what was typed; the invitation may not be genuine. Nobody was checked in.
