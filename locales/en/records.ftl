# Records: agenda, delegates, issuers, decisions, recipients, speeches.
field-full-name = Full name
field-rank = Order
field-present = Present
field-notes = Notes
