# The public verification page of a certificate.
verify-title = Xác minh bằng khen, giấy khen
verify-valid = Hợp lệ: bằng này do cơ quan dưới đây cấp và đang có hiệu lực.
verify-revoked = ĐÃ THU HỒI ngày { $date }: bằng này không còn hiệu lực.
verify-unknown = Không tìm thấy bằng nào có mã này. Hãy kiểm tra lại mã in dưới mã QR.
verify-ask = Nhập mã in dưới mã QR trên bằng để xem bằng ghi gì và còn hiệu lực hay không.
verify-too-many = Bạn đã tra cứu quá nhiều lần. Xin thử lại sau { $seconds } giây.
verify-recipient = Người/đơn vị được khen
verify-position = Chức vụ
verify-unit = Đơn vị
verify-form = Hình thức, danh hiệu
verify-issuer = Cơ quan khen thưởng
verify-decision = Quyết định
verify-decision-line = Số { $number } ngày { $date }
verify-conference = Hội nghị
verify-code = Mã xác minh
verify-type-code = Nhập mã xác minh in trên bằng
verify-check = Xác minh
