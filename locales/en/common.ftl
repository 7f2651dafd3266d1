# Common: page frame, navigation, forms, errors, roles, statuses.
skip-to-content = Skip to the main content
nav-account = Account
nav-conferences = Conferences
nav-users = Users
nav-workspace = Conference workspace
nav-dashboard = Overview
nav-agenda = Agenda
nav-delegates = Delegates
nav-import = Import lists
nav-awards = Awards
nav-print = Print
nav-checkin = Check-in
nav-remote = Screen & remote
nav-members = Members
nav-audit = Audit log
nav-settings = Conference details
nav-designer = Certificate designer
sign-in = Sign in
sign-out = Sign out
field-email = Email
field-password = Password
login-wrong = Wrong email or password.
login-throttled = Too many failed sign-ins. Please try again in a few minutes.
login-email-long = An email address has at most 254 characters.
save = Save
cancel = Cancel
delete = Delete
edit = Edit
add = Add
back-to-conferences = Back to the conferences
form-has-problems = Not saved: please correct the marked fields.
form-required = required
conflict-title = Someone else saved before you.
conflict-text = Below are the saved version and yours. Press Save again to overwrite it with yours.
conflict-field = Field
conflict-theirs = Saved version
conflict-yours = Your version
problem-empty = must not be empty
problem-required = is required
problem-number = must be a number
problem-date = must be a date (YYYY-MM-DD)
problem-unreadable = cannot be read ({ $detail })
problem-time = must be a time (HH:MM)
problem-too-long = must be at most {$max} characters
problem-length = is {$length} characters long; the limit is {$max}
problem-forbidden-character = contains the invisible or control character {$code}: remove it
problem-not-one-of = “{$value}” is not one of the choices
problem-out-of-range = must be from {$min} to {$max}, not {$value}
problem-invitation-signer = the signer has no name: enter it before printing the invitations
problem-at-most-lines = at most {$max} lines
problem-at-most-items = at most {$max} items
problem-held-before-reviewed = a conference reviewing {$reviewed} cannot be held in {$held}
problem-time-zone = “{$value}” is not a time zone such as Asia/Ho_Chi_Minh
problem-ends-before-start = the end must be after the start
problem-duration-or-end = give a duration or an end
problem-place-name-needed = give the place of its date lines: it cannot be taken from the name “{ $name }”
problem-speaker-needed = choose a delegate or type the speaker's name
problem-amount-range = must be an amount of đồng from 0 to { $max }
problem-title-name-needed = a title award needs the title's name, e.g. “Đơn vị quyết thắng”
problem-collective-honorific = a collective has no honorific
problem-offset-range = must be from -50 to 50 mm, not {$value}
problem-issuer-taken = the issuer “{$name}” is already in this conference
problem-decision-taken = this issuer already has decision {$number}
problem-printer-taken = there is already a printer named “{$name}”
problem-email-taken = there is already an account for {$email}
problem-heading-lines = at most {$max} lines: a certificate has room for {$max} lines of heading
error-forbidden = Not allowed
error-forbidden-text = Your account may not do this in this conference, or the request did not come from this site's pages.
error-not-found = Not found
error-not-found-text = This page or record does not exist (it may have been deleted).
error-conflict = The data changed
error-conflict-text = Someone else has just changed this. Open the page again and redo your change.
error-busy = Too many requests
error-busy-text = Please wait a few minutes and try again.
error-bad-request = Invalid request
error-bad-request-text = This request could not be carried out.
error-server = Server error
error-server-text = Something went wrong on the server. Nothing of yours was changed; please try again.
role-none = Public
role-viewer = Viewer
role-editor = Editor
role-owner = Owner
status-draft = Draft
status-published = Published
status-archived = Archived
category-leader = Leaders
category-guest = Guests
category-delegate = Delegates
category-press = Press
category-staff = Staff
attendance-invited = Invited
attendance-confirmed = Confirmed
attendance-declined = Not attending
attendance-checked_in = Checked in
done-saved = Saved.
done-created = Created.
done-deleted = Deleted.
done-restored = The conference was restored from the backup.
done-published = The conference is published.
done-unpublished = The conference is back to draft.
count-recipients = { $count ->
    [one] one recipient
   *[other] { $count } recipients
}
warn-decided-after = The decision is dated after the conference ({ $date }): check the date.
warn-no-minutes = This item lasts no minutes.
warn-overlaps = This item runs { $minutes } minutes into the next (“{ $next }”): check its start or its length.
warn-after-closing = This item comes after the closing (“{ $closing }”).
repeat-title = Someone like this is already there:
repeat-confirm = This is someone else: add it all the same.

# The titles of the API's problems, for a client asking Accept-Language: vi.
api-problem-validation = The request has invalid fields
api-problem-conflict = Conflict with existing data
api-problem-not-found = Not found
api-problem-unauthorized = Sign-in required
api-problem-forbidden = Not allowed
api-problem-unprocessable = The request cannot be carried out
api-problem-precondition-failed = The resource was changed meanwhile
api-problem-busy = The server is busy
api-problem-timeout = The request took too long
api-problem-too-many-requests = Too many attempts
api-problem-payload-too-large = The request body is too large
api-problem-internal = Internal server error

# Problems of the server that are not one field's, by their codes (`code` and `args` of the
# API's problem documents).
problem-not-found = This { $what ->
        [conference] conference
        [issuer] issuer
        [award-decision] award decision
        [recipient] recipient
        [attendee] delegate
        [agenda-item] agenda item
        [speech] speech
        [printer] printer
        [member] member
        [user] account
        [token] API token
        [issuer-emblem] issuer's emblem
        [certificate-layout] certificate layout
        [layout-version] layout version
       *[other] record
    } (id { $id }) was not found: it may have been deleted, or the address is wrong.
problem-changed-meanwhile = { $what ->
        [conference] The conference
        [issuer] The issuer
        [award-decision] The decision
        [recipient] The recipient
        [attendee] The delegate
        [agenda-item] The agenda item
        [issuer-emblem] The emblem
        [certificate-layout] The layout
       *[other] The record
    } was changed by someone else (now version { $current }, you edited version { $sent }): open the page again and redo your change.
problem-unique = a record with the same value already exists
problem-referenced = the record is still used by other records
problem-delegate-changed = the delegate was changed meanwhile; try again
problem-last-owner = this member is the conference's only owner: make another member an owner first
problem-issuer-in-use = the issuer “{ $name }” gave { $count } award decisions ({ $numbers }): delete them or give them another issuer first
problem-nothing-to-pay = nobody in this selection is paid a cash award
problem-nothing-selected = nobody is in this selection
problem-no-delegate-selected = no delegate is in this selection
problem-no-sample = there is no sample certificate of this kind
problem-sign-in = sign in (or send an API token)
problem-wrong-password = wrong email or password
problem-unknown-token = the API token is unknown or revoked
problem-bearer-token = the Authorization header must be “Bearer <token>”
problem-role-needed = your role in this conference does not allow this ({ $role ->
        [owner] owner
        [editor] editor
       *[other] viewer
    } needed)
problem-cross-site = the request did not come from this site's pages and was refused
problem-site-admin-needed = only site admins manage accounts
problem-too-many-attempts = too many failed attempts: try again in { $seconds } seconds
problem-busy = the server is busy with work of this kind: try again in { $seconds } seconds
problem-timeout = the request was stopped after { $seconds } seconds: reload to see whether it took effect
problem-no-route = there is no such route; the API is described at /api/v1/docs
problem-method-not-allowed = this route does not accept that method; the API is described at /api/v1/docs
problem-payload-too-large = the request body is larger than the limit of { $limit } bytes
problem-unsupported-media-type = the body's content type is not accepted
problem-malformed-json = the body is not valid JSON
problem-invalid-query = a query parameter is invalid
problem-invalid-path = a path parameter is invalid
problem-invalid-if-match = If-Match is not an ETag this server sent (like "3")
problem-unreadable-body = the request body could not be read
problem-does-not-fit = “{ $field }” of { $recipient } does not fit its box even at the smallest size: “{ $text }”
problem-missing-glyph = the font has no “{ $character }” ({ $code }) in “{ $field }” of { $recipient }
problem-no-layout-for-form = the award form “{ $form }” has no certificate layout
problem-cannot-print = cannot print: { $detail }
problem-layout-unreadable = the certificate layout cannot be read: { $detail }
problem-batch-stopped = the batch stopped because of an internal error; start it again

problem-file-too-large = the file is { $size } MB; the limit is { $limit } MB
problem-file-empty = the file is empty
problem-image-unreadable = the image cannot be decoded ({ $detail })
problem-emblem-format = the file is not a PNG, a JPEG or a PDF
problem-emblem-pixels = the image is { $width } × { $height } pixels; an emblem needs from 1 to { $max } pixels on each side
problem-pdf-unreadable = the PDF cannot be read ({ $detail })
problem-pdf-pages = the PDF has { $count } pages; upload a PDF of one page
problem-scan-format = the file is not a JPEG, a PNG or a one-page PDF
problem-scan-pixels = the image is { $width } × { $height } pixels ({ $megapixels } megapixels); the limit is { $limit } megapixels — scan at 300 dpi or less
problem-scan-pdf-image = the PDF's page is not a scan this server reads ({ $detail }); upload the scan as JPEG or PNG instead
problem-pdf-turned = the PDF's page is turned by { $degrees }°; save it upright and upload it again
problem-pdf-too-complex = the PDF's page is too complex to embed; simplify it or upload a PNG
list-pages = Pages of the list
list-first-page = ← First page
list-next-page = Next page →
