# Chung: khung trang, điều hướng, biểu mẫu, lỗi, vai trò, trạng thái.
skip-to-content = Chuyển đến nội dung chính
nav-account = Tài khoản
nav-conferences = Hội nghị
nav-users = Người dùng
nav-workspace = Hội nghị đang làm việc
nav-dashboard = Tổng quan
nav-agenda = Chương trình
nav-delegates = Đại biểu
nav-import = Nhập danh sách
nav-awards = Khen thưởng
nav-print = In ấn
nav-checkin = Điểm danh
nav-remote = Màn hình hội trường
nav-members = Thành viên
nav-audit = Nhật ký
nav-settings = Thông tin hội nghị
nav-designer = Mẫu bằng khen
sign-in = Đăng nhập
sign-out = Đăng xuất
field-email = Thư điện tử
field-password = Mật khẩu
login-wrong = Sai thư điện tử hoặc mật khẩu.
login-throttled = Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.
login-email-long = Địa chỉ thư điện tử dài tối đa 254 ký tự.
save = Lưu
cancel = Hủy
delete = Xóa
edit = Sửa
add = Thêm
back-to-conferences = Về danh sách hội nghị
form-has-problems = Chưa lưu được: vui lòng sửa các mục được đánh dấu.
form-required = bắt buộc
conflict-title = Người khác vừa lưu trước bạn.
conflict-text = Dưới đây là bản đã lưu và bản của bạn. Bấm Lưu lần nữa nếu muốn ghi đè bằng bản của bạn.
conflict-field = Mục
conflict-theirs = Bản đã lưu
conflict-yours = Bản của bạn
problem-empty = không được để trống
problem-required = bắt buộc phải có
problem-number = phải là một số
problem-date = phải là ngày (năm-tháng-ngày)
problem-unreadable = không đọc được giá trị này ({ $detail })
problem-time = phải là giờ (giờ:phút)
problem-too-long = dài quá {$max} ký tự
problem-length = dài {$length} ký tự, quá giới hạn {$max} ký tự
problem-forbidden-character = có ký tự ẩn hoặc ký tự điều khiển {$code}: xóa ký tự đó
problem-not-one-of = “{$value}” không phải một lựa chọn hợp lệ
problem-out-of-range = phải từ {$min} đến {$max}, không phải {$value}
problem-invitation-signer = chưa có họ tên người ký: nhập trước khi in giấy mời
problem-at-most-lines = tối đa {$max} dòng
problem-at-most-items = tối đa {$max} mục
problem-held-before-reviewed = hội nghị tổng kết năm {$reviewed} không thể tổ chức trong năm {$held}
problem-time-zone = “{$value}” không phải múi giờ (ví dụ Asia/Ho_Chi_Minh)
problem-ends-before-start = giờ kết thúc phải sau giờ bắt đầu
problem-duration-or-end = cần thời lượng hoặc giờ kết thúc
problem-place-name-needed = cần ghi địa danh của dòng ngày tháng: không suy ra được từ tên “{ $name }”
problem-speaker-needed = cần chọn đại biểu hoặc ghi tên người trình bày
problem-amount-range = phải là số tiền (đồng) từ 0 đến { $max }
problem-title-name-needed = khen danh hiệu thì cần ghi tên danh hiệu, ví dụ “Đơn vị quyết thắng”
problem-collective-honorific = tập thể không có danh xưng (Ông, Bà)
problem-offset-range = phải từ -50 đến 50 mm, không phải {$value}
problem-issuer-taken = đã có cơ quan khen thưởng “{$name}” trong hội nghị này
problem-decision-taken = cơ quan này đã có quyết định số {$number}
problem-printer-taken = đã có máy in tên “{$name}”
problem-email-taken = đã có tài khoản dùng địa chỉ {$email}
problem-heading-lines = tối đa {$max} dòng: trên bằng chỉ có chỗ cho {$max} dòng tiêu đề
error-forbidden = Không có quyền
error-forbidden-text = Tài khoản của bạn không được làm việc này ở hội nghị này, hoặc yêu cầu không đến từ trang của hội nghị.
error-not-found = Không tìm thấy
error-not-found-text = Trang hoặc bản ghi này không có (có thể đã bị xóa).
error-conflict = Dữ liệu đã thay đổi
error-conflict-text = Người khác vừa thay đổi dữ liệu này. Hãy mở lại trang và làm lại.
error-busy = Quá nhiều yêu cầu
error-busy-text = Vui lòng chờ ít phút rồi thử lại.
error-bad-request = Yêu cầu không hợp lệ
error-bad-request-text = Không thực hiện được yêu cầu này.
error-server = Lỗi máy chủ
error-server-text = Đã có lỗi ở máy chủ. Dữ liệu của bạn không bị thay đổi; vui lòng thử lại.
role-none = Công khai
role-viewer = Xem
role-editor = Biên tập
role-owner = Chủ trì
status-draft = Dự thảo
status-published = Đã công bố
status-archived = Lưu trữ
category-leader = Lãnh đạo
category-guest = Khách mời
category-delegate = Đại biểu
category-press = Phóng viên
category-staff = Phục vụ
attendance-invited = Đã mời
attendance-confirmed = Xác nhận dự
attendance-declined = Vắng
attendance-checked_in = Đã điểm danh
done-saved = Đã lưu.
done-created = Đã tạo.
done-deleted = Đã xóa.
done-restored = Đã khôi phục hội nghị từ bản sao lưu.
done-published = Hội nghị đã được công bố.
done-unpublished = Hội nghị đã chuyển về dự thảo.
count-recipients = { $count } người/đơn vị
warn-decided-after = Ngày quyết định sau ngày tổ chức hội nghị ({ $date }): kiểm tra lại ngày.
warn-no-minutes = Mục này chưa có thời lượng (0 phút).
warn-overlaps = Mục này kéo dài { $minutes } phút sang mục sau (“{ $next }”): kiểm tra giờ bắt đầu hoặc thời lượng.
warn-after-closing = Mục này nằm sau phần bế mạc (“{ $closing }”).
repeat-title = Đã có một người/đơn vị giống thế này:
repeat-confirm = Đây là người/đơn vị khác, vẫn thêm.

# The titles of the API's problems, for a client asking Accept-Language: vi.
api-problem-validation = Yêu cầu có trường không hợp lệ
api-problem-conflict = Trùng với dữ liệu đã có
api-problem-not-found = Không tìm thấy
api-problem-unauthorized = Cần đăng nhập
api-problem-forbidden = Không có quyền
api-problem-unprocessable = Không thực hiện được yêu cầu
api-problem-precondition-failed = Dữ liệu đã được người khác thay đổi
api-problem-busy = Máy chủ đang bận
api-problem-timeout = Yêu cầu chạy quá lâu
api-problem-too-many-requests = Quá nhiều lần thử
api-problem-payload-too-large = Dữ liệu gửi lên quá lớn
api-problem-internal = Lỗi máy chủ

# Problems of the server that are not one field's, by their codes (`code` and `args` of the
# API's problem documents).
problem-not-found = Không tìm thấy { $what ->
        [conference] hội nghị
        [issuer] cơ quan khen thưởng
        [award-decision] quyết định khen thưởng
        [recipient] người/tập thể được khen
        [attendee] đại biểu
        [agenda-item] mục chương trình
        [speech] bài phát biểu
        [printer] máy in
        [member] thành viên
        [user] tài khoản
        [token] khóa API
        [issuer-emblem] biểu trưng của cơ quan
        [certificate-layout] mẫu bằng
        [layout-version] phiên bản mẫu bằng
       *[other] dữ liệu
    } này (mã { $id }): có thể đã bị xóa, hoặc đường dẫn không đúng.
problem-changed-meanwhile = { $what ->
        [conference] Hội nghị
        [issuer] Cơ quan khen thưởng
        [award-decision] Quyết định
        [recipient] Người/tập thể được khen
        [attendee] Đại biểu
        [agenda-item] Mục chương trình
        [issuer-emblem] Biểu trưng của cơ quan
        [certificate-layout] Mẫu bằng
       *[other] Dữ liệu
    } vừa được người khác sửa (nay là phiên bản { $current }, bạn sửa từ phiên bản { $sent }): mở lại trang rồi sửa lại.
problem-unique = đã có một bản ghi trùng giá trị này
problem-referenced = bản ghi còn được dữ liệu khác dùng đến
problem-delegate-changed = đại biểu vừa được người khác sửa: thử lại
problem-last-owner = đây là người chủ trì duy nhất của hội nghị: giao vai trò Chủ trì cho thành viên khác trước
problem-issuer-in-use = cơ quan “{ $name }” đang là nơi ban hành { $count } quyết định ({ $numbers }): xóa các quyết định đó hoặc chuyển sang cơ quan khác trước
problem-nothing-to-pay = không có ai trong lựa chọn này được nhận tiền thưởng
problem-nothing-selected = không có người/đơn vị nào trong lựa chọn này
problem-no-delegate-selected = không có đại biểu nào trong lựa chọn này
problem-no-sample = chưa có bằng mẫu nào thuộc loại này
problem-sign-in = cần đăng nhập (hoặc gửi khóa API)
problem-wrong-password = sai thư điện tử hoặc mật khẩu
problem-unknown-token = khóa API không đúng hoặc đã bị thu hồi
problem-bearer-token = tiêu đề Authorization phải có dạng “Bearer <khóa>”
problem-role-needed = vai trò của bạn trong hội nghị này không cho phép việc này (cần vai trò { $role ->
        [owner] Chủ trì
        [editor] Biên tập
       *[other] Xem
    })
problem-cross-site = yêu cầu không đến từ các trang của hệ thống nên bị từ chối
problem-site-admin-needed = chỉ quản trị viên hệ thống được quản lý tài khoản
problem-too-many-attempts = thử sai quá nhiều lần: thử lại sau { $seconds } giây
problem-busy = máy chủ đang bận với việc cùng loại: thử lại sau { $seconds } giây
problem-timeout = yêu cầu dừng sau { $seconds } giây: tải lại trang để xem đã thực hiện chưa
problem-no-route = không có đường dẫn này; API được mô tả tại /api/v1/docs
problem-method-not-allowed = đường dẫn này không nhận phương thức đó; API được mô tả tại /api/v1/docs
problem-payload-too-large = dữ liệu gửi lên lớn quá giới hạn { $limit } byte
problem-unsupported-media-type = kiểu dữ liệu gửi lên không được nhận
problem-malformed-json = nội dung gửi lên không phải JSON hợp lệ
problem-invalid-query = tham số trên đường dẫn không hợp lệ
problem-invalid-path = đường dẫn có số hiệu không hợp lệ
problem-invalid-if-match = If-Match không phải ETag máy chủ đã gửi (dạng "3")
problem-unreadable-body = không đọc được nội dung gửi lên
problem-does-not-fit = “{ $field }” của { $recipient } không vừa ô trên bằng kể cả ở cỡ chữ nhỏ nhất: “{ $text }”
problem-missing-glyph = phông chữ không có ký tự “{ $character }” ({ $code }) trong “{ $field }” của { $recipient }
problem-no-layout-for-form = hình thức “{ $form }” không có mẫu bằng
problem-cannot-print = chưa in được: { $detail }
problem-layout-unreadable = không đọc được mẫu bằng: { $detail }
problem-batch-stopped = đợt in dừng vì lỗi của máy chủ: bắt đầu lại

problem-file-too-large = tệp nặng { $size } MB, quá giới hạn { $limit } MB
problem-file-empty = tệp rỗng
problem-image-unreadable = không đọc được ảnh ({ $detail })
problem-emblem-format = tệp không phải PNG, JPEG hay PDF
problem-emblem-pixels = ảnh { $width } × { $height } điểm ảnh; quốc huy / biểu trưng cần từ 1 đến { $max } điểm ảnh mỗi cạnh
problem-pdf-unreadable = không đọc được tệp PDF ({ $detail })
problem-pdf-pages = tệp PDF có { $count } trang; hãy tải lên tệp PDF một trang
problem-scan-format = tệp không phải JPEG, PNG hay PDF một trang
problem-scan-pixels = ảnh { $width } × { $height } điểm ảnh ({ $megapixels } megapixel), quá giới hạn { $limit } megapixel: hãy quét ở 300 dpi trở xuống
problem-scan-pdf-image = trang PDF không phải một ảnh quét đọc được ({ $detail }): hãy tải bản quét dạng JPEG hoặc PNG
problem-pdf-turned = trang PDF bị xoay { $degrees }°; hãy lưu lại trang đứng thẳng rồi tải lên
problem-pdf-too-complex = trang PDF quá phức tạp để nhúng; hãy đơn giản hóa hoặc tải lên ảnh PNG
list-pages = Các trang danh sách
list-first-page = ← Trang đầu
list-next-page = Trang sau →
