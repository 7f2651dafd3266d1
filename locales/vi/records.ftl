# Records: agenda, delegates, issuers, decisions, recipients, speeches.
field-full-name = Họ và tên
field-rank = Thứ tự
field-present = Có mặt
field-notes = Ghi chú
