# The public verification page of a certificate.
verify-title = Certificate verification
verify-valid = Valid: this certificate was issued by the body below and stands.
verify-revoked = REVOKED on { $date }: this certificate is no longer valid.
verify-unknown = No certificate has this code. Please check the code printed under the QR code.
verify-ask = Type the code printed under the QR code of a certificate to see what it says and whether it still stands.
verify-too-many = Too many lookups. Please try again in { $seconds } seconds.
verify-recipient = Awarded to
verify-position = Position
verify-unit = Unit
verify-form = Form, title
verify-issuer = Issued by
verify-decision = Decision
verify-decision-line = No. { $number } of { $date }
verify-conference = Conference
verify-code = Verification code
verify-type-code = Type the verification code printed on the certificate
verify-check = Verify
