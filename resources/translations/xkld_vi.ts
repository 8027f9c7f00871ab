<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AccountDialog</name>
    <message>
        <source>New account</source>
        <translation>Tài khoản mới</translation>
    </message>
    <message>
        <source>Change account</source>
        <translation>Sửa tài khoản</translation>
    </message>
    <message>
        <source>(choose a club)</source>
        <translation>(chọn câu lạc bộ)</translation>
    </message>
    <message>
        <source>Account in use (may log in)</source>
        <translation>Tài khoản đang dùng (được đăng nhập)</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Tên đăng nhập:</translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>&amp;Họ và tên:</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Vai trò:</translation>
    </message>
    <message>
        <source>&amp;Club:</source>
        <translation>&amp;Câu lạc bộ:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <source>R&amp;epeat password:</source>
        <translation>Nhập &amp;lại mật khẩu:</translation>
    </message>
    <message>
        <source>Administrator: everything, users and settings. Officer: all records, reports, import and export. Club leader: the households and people of their own club, meetings and visits. Viewer: read and print only.</source>
        <translation>Quản trị: mọi việc, người dùng và cài đặt. Cán bộ: mọi hồ sơ, báo cáo, nhập và xuất dữ liệu. Trưởng CLB: hộ và người của câu lạc bộ mình, sinh hoạt và thăm hỏi. Chỉ xem: chỉ xem và in.</translation>
    </message>
    <message>
        <source>Enter a user name.</source>
        <translation>Hãy nhập tên đăng nhập.</translation>
    </message>
    <message>
        <source>Enter the full name.</source>
        <translation>Hãy nhập họ và tên.</translation>
    </message>
    <message>
        <source>Choose the club this club leader leads.</source>
        <translation>Hãy chọn câu lạc bộ mà trưởng CLB này phụ trách.</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>(all)</source>
        <translation>(tất cả)</translation>
    </message>
    <message>
        <source>(no record)</source>
        <translation>(không gắn hồ sơ)</translation>
    </message>
    <message>
        <source>(nobody logged in)</source>
        <translation>(không đăng nhập)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Đang tải…</translation>
    </message>
    <message>
        <source>{0} entries</source>
        <translation>{0} mục</translation>
    </message>
    <message>
        <source>{time} — {user}: {action} {record}</source>
        <translation>{time} — {user}: {action} {record}</translation>
    </message>
    <message>
        <source>The personal data of this entry were erased on request.</source>
        <translation>Dữ liệu cá nhân của mục này đã được xóa theo yêu cầu.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Nhật ký thay đổi</translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>Xuất nhật ký thay đổi</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Sổ tính Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>{0} entries exported to {1}</source>
        <translation>Đã xuất {0} mục ra {1}</translation>
    </message>
    <message>
        <source>The file could not be written: {0}</source>
        <translation>Không ghi được tệp: {0}</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Từ ngày</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Đến ngày</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Người dùng</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Thao tác</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Loại hồ sơ</translation>
    </message>
    <message>
        <source>Search names, values, record ids…</source>
        <translation>Tìm tên, giá trị, mã hồ sơ…</translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation>&amp;Lọc</translation>
    </message>
    <message>
        <source>Check &amp;integrity</source>
        <translation>Kiểm tra tính toàn &amp;vẹn</translation>
    </message>
    <message>
        <source>&amp;Export to Excel…</source>
        <translation>&amp;Xuất Excel…</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Trường</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Trước</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Sau</translation>
    </message>
</context>
<context>
    <name>AuditLogAction</name>
    <message>
        <source>&amp;Audit log…</source>
        <translation>&amp;Nhật ký thay đổi…</translation>
    </message>
    <message>
        <source>Who changed, exported or printed what, and when</source>
        <translation>Ai đã sửa, xuất hoặc in gì, vào lúc nào</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>Time</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Người dùng</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Thao tác</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Loại hồ sơ</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Nội dung</translation>
    </message>
</context>
<context>
    <name>BackupController</name>
    <message>
        <source>Choose where to save the backup</source>
        <translation>Chọn nơi lưu bản sao lưu</translation>
    </message>
    <message>
        <source>Choose the backup to restore</source>
        <translation>Chọn bản sao lưu cần khôi phục</translation>
    </message>
    <message>
        <source>XKLĐ backups (*.db *.sqlite *.sqlite3);;All files (*)</source>
        <translation>Bản sao lưu XKLĐ (*.db *.sqlite *.sqlite3);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Sao lưu</translation>
    </message>
    <message>
        <source>The file could not be written or read: {reason}</source>
        <translation>Không ghi hoặc đọc được tệp: {reason}</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Sao lưu ngay</translation>
    </message>
    <message>
        <source>Only a database file can be backed up here; a server database is backed up on the server.</source>
        <translation>Ở đây chỉ sao lưu được cơ sở dữ liệu dạng tệp; cơ sở dữ liệu trên máy chủ được sao lưu tại máy chủ.</translation>
    </message>
    <message>
        <source>The backup was saved:
{path}

It holds {counts}.</source>
        <translation>Đã lưu bản sao lưu:
{path}

Bản này gồm {counts}.</translation>
    </message>
    <message>
        <source>Backing up the database…</source>
        <translation>Đang sao lưu cơ sở dữ liệu…</translation>
    </message>
    <message>
        <source>No automatic backup today</source>
        <translation>Hôm nay chưa sao lưu tự động</translation>
    </message>
    <message>
        <source>Today's automatic backup of the database could not be made:
{why}

The records are open and can be worked on as usual, but the newest automatic backup is an older one. Free some space on the disk, or back up now to a USB drive (Settings, Back up now…).</source>
        <translation>Chưa sao lưu tự động được cơ sở dữ liệu hôm nay:
{why}

Dữ liệu vẫn mở và làm việc bình thường, nhưng bản sao lưu tự động mới nhất là bản cũ hơn. Hãy giải phóng bớt ổ đĩa, hoặc sao lưu ngay ra USB (Cài đặt, Sao lưu ngay…).</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>Khôi phục từ bản sao lưu</translation>
    </message>
    <message>
        <source>A server database is not replaced from this PC. Ask the server's administrator: a new empty database on the server, then copy the backup into it (xkld-desktop --db sqlite:///BACKUP.db copy-to SERVER_URL), or pg_restore.</source>
        <translation>Cơ sở dữ liệu trên máy chủ không được thay thế từ máy này. Hãy nhờ người quản trị máy chủ: tạo một cơ sở dữ liệu trống mới trên máy chủ rồi chép bản sao lưu vào đó (xkld-desktop --db sqlite:///BACKUP.db copy-to SERVER_URL), hoặc dùng pg_restore.</translation>
    </message>
    <message>
        <source>Restore the backup of {date}?

It holds {counts}.

All the data now in the program will be replaced by it. The current data is backed up first.</source>
        <translation>Khôi phục bản sao lưu lúc {date}?

Bản này gồm {counts}.

Toàn bộ dữ liệu hiện có trong chương trình sẽ được thay bằng bản này. Dữ liệu hiện tại được sao lưu trước.</translation>
    </message>
    <message>
        <source>The backup of {date} was restored ({counts}).</source>
        <translation>Đã khôi phục bản sao lưu lúc {date} ({counts}).</translation>
    </message>
    <message>
        <source>The data as it was before is kept in:
{path}</source>
        <translation>Dữ liệu trước khi khôi phục được giữ tại:
{path}</translation>
    </message>
    <message>
        <source>The damaged database file is kept in:
{path}</source>
        <translation>Tệp cơ sở dữ liệu bị hỏng được giữ lại tại:
{path}</translation>
    </message>
    <message>
        <source>Restoring the backup…</source>
        <translation>Đang khôi phục bản sao lưu…</translation>
    </message>
</context>
<context>
    <name>ClubDialog</name>
    <message>
        <source>Edit club</source>
        <translation>Sửa thông tin CLB</translation>
    </message>
    <message>
        <source>New club</source>
        <translation>Thêm CLB</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Tên CLB:</translation>
    </message>
    <message>
        <source>(not stated)</source>
        <translation>(không ghi)</translation>
    </message>
    <message>
        <source>&amp;Commune:</source>
        <translation>&amp;Xã/phường:</translation>
    </message>
    <message>
        <source>&amp;Founded on:</source>
        <translation>&amp;Ngày thành lập:</translation>
    </message>
    <message>
        <source>&amp;Leader:</source>
        <translation>&amp;Chủ nhiệm:</translation>
    </message>
    <message>
        <source>Leader is a registered &amp;worker:</source>
        <translation>Chủ nhiệm có &amp;hồ sơ NLĐ:</translation>
    </message>
    <message>
        <source>Leader's &amp;phone:</source>
        <translation>Số đ&amp;iện thoại chủ nhiệm:</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>Gh&amp;i chú:</translation>
    </message>
    <message>
        <source>Enter the club's name</source>
        <translation>Hãy nhập tên câu lạc bộ</translation>
    </message>
</context>
<context>
    <name>ClubTab</name>
    <message>
        <source>Head of household</source>
        <translation>Chủ hộ</translation>
    </message>
    <message>
        <source>Hamlet</source>
        <translation>Ấp/thôn</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>Ngày vào</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Ngày rời</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>Lần thăm gần nhất</translation>
    </message>
    <message>
        <source>Meetings attended</source>
        <translation>Số buổi dự</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Địa điểm</translation>
    </message>
    <message>
        <source>Households attending</source>
        <translation>Số hộ dự</translation>
    </message>
    <message>
        <source>Fund (VND)</source>
        <translation>Đóng góp quỹ (đồng)</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Hộ</translation>
    </message>
    <message>
        <source>Visited by</source>
        <translation>Người đi thăm</translation>
    </message>
    <message>
        <source>Issues raised</source>
        <translation>Vấn đề nêu ra</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Việc cần làm tiếp</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Đã giải quyết</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Có</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>Chưa</translation>
    </message>
    <message>
        <source>C&amp;lub:</source>
        <translation>&amp;CLB:</translation>
    </message>
    <message>
        <source>New club…</source>
        <translation>Thêm CLB…</translation>
    </message>
    <message>
        <source>Edit club…</source>
        <translation>Sửa thông tin CLB…</translation>
    </message>
    <message>
        <source>Member households</source>
        <translation>Hộ thành viên</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>Sinh hoạt</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>Thăm hỏi</translation>
    </message>
    <message>
        <source>&amp;Add member household…</source>
        <translation>Thêm &amp;hộ thành viên…</translation>
    </message>
    <message>
        <source>End membership…</source>
        <translation>Ghi rời CLB…</translation>
    </message>
    <message>
        <source>Show former members</source>
        <translation>Hiện cả hộ đã rời CLB</translation>
    </message>
    <message>
        <source>New &amp;meeting…</source>
        <translation>Ghi buổi &amp;sinh hoạt…</translation>
    </message>
    <message>
        <source>Edit meeting…</source>
        <translation>Sửa buổi sinh hoạt…</translation>
    </message>
    <message>
        <source>Delete meeting…</source>
        <translation>Xóa buổi sinh hoạt…</translation>
    </message>
    <message>
        <source>New &amp;visit…</source>
        <translation>Ghi lần &amp;thăm…</translation>
    </message>
    <message>
        <source>Edit visit…</source>
        <translation>Sửa lần thăm…</translation>
    </message>
    <message>
        <source>Delete visit…</source>
        <translation>Xóa lần thăm…</translation>
    </message>
    <message>
        <source>No family club is recorded yet. Create it with “New club…”: its member households, meetings and visits come next.</source>
        <translation>Chưa có câu lạc bộ gia đình nào. Hãy tạo CLB bằng nút “Thêm CLB…”, sau đó ghi hộ thành viên, các buổi sinh hoạt và các lần thăm hỏi.</translation>
    </message>
    <message>
        <source>Leader: {name}</source>
        <translation>Chủ nhiệm: {name}</translation>
    </message>
    <message>
        <source>Phone: {phone}</source>
        <translation>Điện thoại: {phone}</translation>
    </message>
    <message>
        <source>Founded: {date}</source>
        <translation>Thành lập: {date}</translation>
    </message>
    <message>
        <source>{households} member households · {meetings} meetings · {visits} visits</source>
        <translation>{households} hộ thành viên · {meetings} buổi sinh hoạt · {visits} lần thăm hỏi</translation>
    </message>
    <message>
        <source>Delete the meeting of {date} ({topic})?</source>
        <translation>Xóa buổi sinh hoạt ngày {date} ({topic})?</translation>
    </message>
    <message>
        <source>Its attendance list ({n} households) goes with it.</source>
        <translation>Danh sách hộ tham dự ({n} hộ) cũng bị xóa theo.</translation>
    </message>
    <message>
        <source>Delete meeting</source>
        <translation>Xóa buổi sinh hoạt</translation>
    </message>
    <message>
        <source>Delete the visit of {date} to the household of {head}?</source>
        <translation>Xóa lần thăm ngày {date} tại hộ {head}?</translation>
    </message>
    <message>
        <source>The issues raised and the follow-up written for it go with it.</source>
        <translation>Các vấn đề gia đình nêu và việc cần làm tiếp đã ghi cũng bị xóa theo.</translation>
    </message>
    <message>
        <source>Delete visit</source>
        <translation>Xóa lần thăm</translation>
    </message>
</context>
<context>
    <name>ConfirmPage</name>
    <message>
        <source>Import</source>
        <translation>Nhập dữ liệu</translation>
    </message>
    <message>
        <source>Everything is written at once. If you cancel, nothing is written.</source>
        <translation>Tất cả được ghi trong một lần. Nếu bạn hủy, không có gì được ghi.</translation>
    </message>
    <message>
        <source>Import &amp;history…</source>
        <translation>&amp;Lịch sử nhập…</translation>
    </message>
    <message>
        <source>See past imports from Excel and undo one as a whole</source>
        <translation>Xem các lần nhập từ Excel và hoàn tác cả một lần nhập</translation>
    </message>
    <message>
        <source>Click Import to write the rows shown in the preview (%1).</source>
        <translation>Bấm Nhập để ghi các dòng đã xem trước (%1).</translation>
    </message>
    <message>
        <source>Done: %1 read, %2 imported, %3 updated, %4 skipped, %5 with errors.</source>
        <translation>Xong: đọc %1 dòng, nhập mới %2, cập nhật %3, bỏ qua %4, có lỗi %5.</translation>
    </message>
</context>
<context>
    <name>CrashHandler</name>
    <message>
        <source>An unexpected error occurred. Your saved data are safe; what you were doing may not have been saved.

The details were written to {log}. Please send that file, or the details below, to whoever supports the program.</source>
        <extracomment>how the UI font's files are named (registered before the window; the other fonts after it shows)</extracomment>
        <translation>Đã xảy ra một lỗi ngoài dự kiến. Dữ liệu đã lưu vẫn an toàn; thao tác đang làm có thể chưa được lưu.

Chi tiết lỗi đã được ghi vào {log}. Xin gửi tệp đó, hoặc phần chi tiết bên dưới, cho người hỗ trợ chương trình.</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>Lỗi ngoài dự kiến</translation>
    </message>
</context>
<context>
    <name>DatabaseLocks</name>
    <message>
        <source>The database {file} is already open in XKLĐ Desktop: {holder}.

Two copies of the program writing to one file at the same time could damage it, so it was not opened here. Close the program there first. If that computer is switched off or the program crashed there, delete the file {lock} and try again.

Open another database file?</source>
        <translation>Cơ sở dữ liệu {file} đang được mở trong XKLĐ Desktop: {holder}.

Hai bản chương trình cùng ghi vào một tệp có thể làm hỏng tệp, nên cơ sở dữ liệu không được mở ở đây. Hãy đóng chương trình ở đó trước. Nếu máy đó đã tắt hoặc chương trình ở đó bị treo, hãy xóa tệp {lock} rồi thử lại.

Mở một tệp cơ sở dữ liệu khác?</translation>
    </message>
    <message>
        <source>Database in use</source>
        <translation>Cơ sở dữ liệu đang được dùng</translation>
    </message>
    <message>
        <source>another computer</source>
        <translation>một máy khác</translation>
    </message>
    <message>
        <source>user “{user}” on computer “{host}”</source>
        <translation>người dùng “{user}” trên máy “{host}”</translation>
    </message>
    <message>
        <source>computer “{host}”</source>
        <translation>máy “{host}”</translation>
    </message>
    <message>
        <source>, since {time} on {date}</source>
        <translation>, từ {time} ngày {date}</translation>
    </message>
</context>
<context>
    <name>DateLineEdit</name>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/yyyy</translation>
    </message>
    <message>
        <source>Enter the whole date: day/month/year, e.g. 05/03/1998</source>
        <translation>Hãy nhập đủ ngày/tháng/năm, ví dụ 05/03/1998</translation>
    </message>
    <message>
        <source>Enter a date</source>
        <translation>Chưa nhập ngày</translation>
    </message>
</context>
<context>
    <name>DepartureDialog</name>
    <message>
        <source>Departure — {name}</source>
        <translation>Xuất cảnh — {name}</translation>
    </message>
    <message>
        <source>Correct the departure — {name}</source>
        <extracomment>the usual form of going abroad for each programme (suggested until the user picks one)</extracomment>
        <translation>Sửa lần xuất cảnh — {name}</translation>
    </message>
    <message>
        <source>Departure</source>
        <translation>Chuyến đi</translation>
    </message>
    <message>
        <source>Money</source>
        <translation>Tài chính</translation>
    </message>
    <message>
        <source>&amp;Departure date:</source>
        <translation>Ngày &amp;xuất cảnh:</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— chọn —</translation>
    </message>
    <message>
        <source>&amp;Market:</source>
        <translation>&amp;Thị trường:</translation>
    </message>
    <message>
        <source>&amp;Programme:</source>
        <translation>&amp;Chương trình:</translation>
    </message>
    <message>
        <source>&amp;Form:</source>
        <translation>&amp;Hình thức:</translation>
    </message>
    <message>
        <source>Type to pick a known company or a new name</source>
        <translation>Gõ để chọn doanh nghiệp đã có hoặc nhập tên mới</translation>
    </message>
    <message>
        <source>&amp;Company:</source>
        <translation>&amp;Doanh nghiệp:</translation>
    </message>
    <message>
        <source>Licence n&amp;umber:</source>
        <translation>Số giấ&amp;y phép:</translation>
    </message>
    <message>
        <source>&amp;Occupation:</source>
        <translation>&amp;Ngành nghề:</translation>
    </message>
    <message>
        <source>&amp;Workplace / employer:</source>
        <translation>Nơi &amp;làm việc / chủ sử dụng:</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>chưa rõ</translation>
    </message>
    <message>
        <source> months</source>
        <translation> tháng</translation>
    </message>
    <message>
        <source>Contract &amp;term:</source>
        <translation>Thời hạn hợ&amp;p đồng:</translation>
    </message>
    <message>
        <source>Or&amp;ientation certificate:</source>
        <translation>Chứng chỉ &amp;bồi dưỡng:</translation>
    </message>
    <message>
        <source>Legal departure (through the proper channels)</source>
        <translation>Xuất cảnh hợp pháp (qua kênh chính thức)</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Ghi chú:</translation>
    </message>
    <message>
        <source>Monthly &amp;salary:</source>
        <translation>&amp;Mức lương tháng:</translation>
    </message>
    <message>
        <source>D&amp;eposit:</source>
        <translation>Tiền &amp;ký quỹ:</translation>
    </message>
    <message>
        <source>Cost p&amp;aid:</source>
        <translation>Ch&amp;i phí đã nộp:</translation>
    </message>
    <message>
        <source>&amp;Loan</source>
        <translation>&amp;Vay vốn</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>Nguồn vay:</translation>
    </message>
    <message>
        <source>Amount:</source>
        <translation>Số tiền:</translation>
    </message>
    <message>
        <source>Disbursed on:</source>
        <translation>Ngày giải ngân:</translation>
    </message>
    <message>
        <source>Support received</source>
        <translation>Các khoản hỗ trợ đã nhận</translation>
    </message>
    <message>
        <source>Correcting the departure recorded on {date}: saving replaces what was recorded.</source>
        <translation>Đang sửa lần xuất cảnh đã ghi ngày {date}: khi lưu, thông tin mới sẽ thay cho thông tin đã ghi.</translation>
    </message>
    <message>
        <source>expected end {date}</source>
        <translation>dự kiến kết thúc {date}</translation>
    </message>
    <message>
        <source>Please check before saving:</source>
        <translation>Xin kiểm tra trước khi lưu:</translation>
    </message>
    <message>
        <source>Save the departure anyway?</source>
        <translation>Vẫn lưu chuyến xuất cảnh này?</translation>
    </message>
    <message>
        <source>Save with warnings?</source>
        <translation>Lưu dù có cảnh báo?</translation>
    </message>
</context>
<context>
    <name>DeparturesPane</name>
    <message>
        <source>Departures</source>
        <translation>Xuất cảnh</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>Thị trường</translation>
    </message>
    <message>
        <source>Departure date</source>
        <translation>Ngày xuất cảnh</translation>
    </message>
    <message>
        <source>Contract ends</source>
        <translation>Hết hạn HĐ</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>Chương trình</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Doanh nghiệp</translation>
    </message>
    <message>
        <source>Returned {date}</source>
        <translation>Đã về nước {date}</translation>
    </message>
    <message>
        <source>Not yet departed</source>
        <translation>Chưa xuất cảnh</translation>
    </message>
    <message>
        <source>{status} (illegal departure)</source>
        <translation>{status} (xuất cảnh trái phép)</translation>
    </message>
    <message>
        <source>All markets</source>
        <translation>Mọi thị trường</translation>
    </message>
    <message>
        <source>All programmes</source>
        <translation>Mọi chương trình</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>Mọi năm</translation>
    </message>
    <message>
        <source>Any stage</source>
        <translation>Mọi giai đoạn</translation>
    </message>
    <message>
        <source>Any status abroad</source>
        <translation>Mọi tình trạng ở nước ngoài</translation>
    </message>
    <message>
        <source>Legal and illegal</source>
        <translation>Hợp pháp/trái phép</translation>
    </message>
    <message>
        <source>Legal departures</source>
        <translation>Xuất cảnh hợp pháp</translation>
    </message>
    <message>
        <source>Illegal departures</source>
        <translation>Xuất cảnh trái phép</translation>
    </message>
    <message>
        <source>1 departure</source>
        <translation>1 lượt xuất cảnh</translation>
    </message>
    <message>
        <source>{n} departures</source>
        <translation>{n} lượt xuất cảnh</translation>
    </message>
</context>
<context>
    <name>ErasureDialog</name>
    <message>
        <source>Erase personal data on request</source>
        <translation>Xóa dữ liệu cá nhân theo yêu cầu</translation>
    </message>
    <message>
        <source>All personal data of %1 will be erased from this database for good.</source>
        <translation>Toàn bộ dữ liệu cá nhân của %1 sẽ bị xóa vĩnh viễn khỏi cơ sở dữ liệu này.</translation>
    </message>
    <message>
        <source>Removed: the record, %1 departures (with their loans, supports and returns), %2 status entries, household membership and club data about this person. Other records that name this person keep their content with the name, CCCD and phone replaced by “%3”. The audit trail keeps one line without personal data.</source>
        <translation>Sẽ xóa: hồ sơ, %1 lần xuất cảnh (cùng khoản vay, hỗ trợ và lần về nước), %2 mục diễn biến, tư cách thành viên hộ và dữ liệu CLB về người này. Các hồ sơ khác có nhắc đến người này vẫn giữ nội dung, nhưng họ tên, số CCCD và số điện thoại được thay bằng “%3”. Nhật ký chỉ giữ một dòng, không có dữ liệu cá nhân.</translation>
    </message>
    <message>
        <source>This cannot be undone, not even from the recycle bin.</source>
        <translation>Việc này không thể hoàn tác, kể cả từ thùng rác.</translation>
    </message>
    <message>
        <source>The data are kept under a legal obligation: check that the law allows erasing them before you continue.</source>
        <translation>Dữ liệu đang được lưu giữ để thực hiện nghĩa vụ theo luật: hãy kiểm tra luật có cho phép xóa hay không trước khi tiếp tục.</translation>
    </message>
    <message>
        <source>Legal basis recorded: %1.</source>
        <translation>Căn cứ đã ghi: %1.</translation>
    </message>
    <message>
        <source>Type the person's full name, or the word %1, to confirm:</source>
        <translation>Gõ đầy đủ họ tên của người này, hoặc chữ %1, để xác nhận:</translation>
    </message>
    <message>
        <source>&amp;Erase for good</source>
        <translation>&amp;Xóa vĩnh viễn</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Choose the Excel files</source>
        <translation>Chọn tệp Excel</translation>
    </message>
    <message>
        <source>Lists kept in Excel (.xlsx, .xls, .ods). Choose several files to merge the lists of several communes.</source>
        <translation>Danh sách lưu bằng Excel (.xlsx, .xls, .ods). Chọn nhiều tệp để gộp danh sách của nhiều xã.</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Chọn tệp…</translation>
    </message>
    <message>
        <source>Files:</source>
        <translation>Tệp:</translation>
    </message>
    <message>
        <source>&amp;Sheet:</source>
        <translation>&amp;Trang tính:</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xls *.ods);;All files (*)</source>
        <translation>Bảng tính (*.xlsx *.xls *.ods);;Mọi tệp (*)</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>Administrator account</source>
        <translation>Tài khoản quản trị</translation>
    </message>
    <message>
        <source>The records are personal data. Create the administrator account: from now on the program asks for a user name and password when it opens. The administrator adds the other users in Settings.</source>
        <translation>Hồ sơ là dữ liệu cá nhân. Hãy tạo tài khoản quản trị: từ nay chương trình hỏi tên đăng nhập và mật khẩu mỗi khi mở. Quản trị viên thêm những người dùng khác trong phần Cài đặt.</translation>
    </message>
    <message>
        <source>&amp;Show password</source>
        <translation>&amp;Hiện mật khẩu</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Tên đăng nhập:</translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>&amp;Họ và tên:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>Nhập &amp;lại mật khẩu:</translation>
    </message>
    <message>
        <source>At least {n} characters. Keep it somewhere safe: nobody can read it back.</source>
        <translation>Ít nhất {n} ký tự. Hãy giữ ở nơi an toàn: không ai đọc lại được mật khẩu.</translation>
    </message>
    <message>
        <source>&amp;Create account</source>
        <translation>Tạo tài &amp;khoản</translation>
    </message>
    <message>
        <source>Enter a user name.</source>
        <translation>Hãy nhập tên đăng nhập.</translation>
    </message>
    <message>
        <source>Enter the administrator's full name.</source>
        <translation>Hãy nhập họ và tên của quản trị viên.</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <source>Follow-up after return — {name}</source>
        <translation>Theo dõi sau về nước — {name}</translation>
    </message>
    <message>
        <source>Returned on {date}.</source>
        <translation>Về nước ngày {date}.</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Ngày:</translation>
    </message>
    <message>
        <source>&amp;Employment:</source>
        <translation>&amp;Việc làm:</translation>
    </message>
    <message>
        <source>Average monthly &amp;income:</source>
        <translation>Thu nhập &amp;bình quân tháng:</translation>
    </message>
    <message>
        <source>Support needed:</source>
        <translation>Nhu cầu hỗ trợ:</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Ghi chú:</translation>
    </message>
    <message>
        <source>Before the return date ({date})</source>
        <translation>Trước ngày về nước ({date})</translation>
    </message>
</context>
<context>
    <name>HamletField</name>
    <message>
        <source>Other records write this hamlet %1: choose it from the list.</source>
        <translation>Các hồ sơ khác viết ấp này là %1: hãy chọn trong danh sách.</translation>
    </message>
</context>
<context>
    <name>HamletsDialog</name>
    <message>
        <source>Hamlets</source>
        <translation>Ấp/thôn</translation>
    </message>
    <message>
        <source>The hamlet names written on workers' and households' records. When hamlets are renamed or merged, or one hamlet has been written in several ways, choose its names (Ctrl+click for several), type the name to keep and press Rename.</source>
        <translation>Tên ấp/thôn đang ghi trong hồ sơ người lao động và hộ gia đình. Khi ấp được đổi tên hoặc sáp nhập, hay một ấp bị viết nhiều kiểu, hãy chọn các tên đó (giữ Ctrl để chọn nhiều), gõ tên cần giữ rồi bấm Đổi tên.</translation>
    </message>
    <message>
        <source>&amp;New name:</source>
        <translation>&amp;Tên mới:</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>Đổi &amp;tên</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Hoàn tác</translation>
    </message>
    <message>
        <source>Reading the hamlets…</source>
        <translation>Đang đọc danh sách ấp/thôn…</translation>
    </message>
    <message>
        <source>No record has a hamlet yet.</source>
        <translation>Chưa có hồ sơ nào ghi ấp/thôn.</translation>
    </message>
    <message>
        <source>Rename hamlets</source>
        <translation>Đổi tên ấp/thôn</translation>
    </message>
    <message>
        <source>The chosen hamlet already has this name.</source>
        <translation>Ấp/thôn đã chọn đã mang tên này.</translation>
    </message>
    <message>
        <source>Write “%1” as the hamlet of %2 workers and %3 households now in %4?

Deleted records in them are renamed too. The audit trail keeps each record's old name.</source>
        <translation>Ghi “%1” làm ấp/thôn cho %2 người lao động và %3 hộ gia đình đang ở %4?

Các hồ sơ đã xóa (trong thùng rác) ở đó cũng được đổi theo. Nhật ký giữ tên cũ của từng hồ sơ.</translation>
    </message>
    <message>
        <source>Renaming…</source>
        <translation>Đang đổi tên…</translation>
    </message>
    <message>
        <source>“%1” written on %2 workers and %3 households.</source>
        <translation>Đã ghi “%1” cho %2 người lao động và %3 hộ gia đình.</translation>
    </message>
    <message>
        <source>Old names given back to %1 records.</source>
        <translation>Đã trả lại tên cũ cho %1 hồ sơ.</translation>
    </message>
</context>
<context>
    <name>HamletsModel</name>
    <message>
        <source>Hamlet</source>
        <translation>Ấp/thôn</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>Người lao động</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>Hộ gia đình</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Also written %1</source>
        <translation>Cũng được viết là %1</translation>
    </message>
</context>
<context>
    <name>HeadChangeDialog</name>
    <message>
        <source>Make head of household</source>
        <translation>Đặt làm chủ hộ</translation>
    </message>
    <message>
        <source>{new} becomes the head of household. What is {former} to {new}? Check the other members' relationships afterwards: they were stated towards the former head.</source>
        <translation>{new} sẽ là chủ hộ. {former} là gì của {new}? Sau đó hãy xem lại quan hệ của các thành viên khác: chúng được ghi theo chủ hộ cũ.</translation>
    </message>
    <message>
        <source>&amp;Relationship of the former head:</source>
        <translation>&amp;Quan hệ của chủ hộ cũ:</translation>
    </message>
</context>
<context>
    <name>HouseholdDialog</name>
    <message>
        <source> (before 01/07/2025)</source>
        <extracomment>how long typing must pause before the person search runs (milliseconds) how services.households marks a commune abolished by the 2025 reform</extracomment>
        <translation> (trước 01/07/2025)</translation>
    </message>
    <message>
        <source>Edit household</source>
        <translation>Sửa thông tin hộ</translation>
    </message>
    <message>
        <source>New household</source>
        <translation>Thêm hộ gia đình</translation>
    </message>
    <message>
        <source>&amp;Head of household:</source>
        <translation>Chủ &amp;hộ:</translation>
    </message>
    <message>
        <source>&amp;Registered worker:</source>
        <translation>&amp;Tìm người lao động:</translation>
    </message>
    <message>
        <source>Ha&amp;mlet:</source>
        <translation>Ấ&amp;p/thôn:</translation>
    </message>
    <message>
        <source>(not stated)</source>
        <translation>(không ghi)</translation>
    </message>
    <message>
        <source>&amp;Commune:</source>
        <translation>&amp;Xã/phường:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>Đị&amp;a chỉ:</translation>
    </message>
    <message>
        <source>10 digits, e.g. 0912345678</source>
        <translation>10 chữ số, ví dụ 0912345678</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>Số đ&amp;iện thoại:</translation>
    </message>
    <message>
        <source>P&amp;overty status:</source>
        <translation>Diện &amp;nghèo:</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Ghi chú:</translation>
    </message>
</context>
<context>
    <name>HouseholdPanel</name>
    <message>
        <source>Full name</source>
        <extracomment>the usual long name of a family club, shortened in narrow columns to "CLB xã Tân Hộ Cơ"</extracomment>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>Quan hệ</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <source>Worker record</source>
        <translation>Hồ sơ NLĐ</translation>
    </message>
    <message>
        <source>No household to show. Add one with “New household…” (Ctrl+N).</source>
        <translation>Chưa có hộ nào để hiện. Thêm hộ bằng nút “Thêm hộ…” (Ctrl+N).</translation>
    </message>
    <message>
        <source>Choose a household in the list to see its members and visits.</source>
        <translation>Chọn một hộ trong danh sách để xem thành viên và các lần thăm hỏi.</translation>
    </message>
    <message>
        <source>&amp;Add member…</source>
        <translation>Thêm thành &amp;viên…</translation>
    </message>
    <message>
        <source>Change member…</source>
        <translation>Sửa thành viên…</translation>
    </message>
    <message>
        <source>Remove from household…</source>
        <translation>Bỏ khỏi hộ…</translation>
    </message>
    <message>
        <source>Make head…</source>
        <translation>Đặt làm chủ hộ…</translation>
    </message>
    <message>
        <source>Record a &amp;visit…</source>
        <translation>Ghi lần thă&amp;m…</translation>
    </message>
    <message>
        <source>Household of {head}</source>
        <translation>Hộ {head}</translation>
    </message>
    <message>
        <source>Phone: {phone}</source>
        <translation>Điện thoại: {phone}</translation>
    </message>
    <message>
        <source>Poverty status: {status}</source>
        <translation>Diện nghèo: {status}</translation>
    </message>
    <message>
        <source>Member of {club} since {date}</source>
        <translation>Hội viên {club} từ ngày {date}</translation>
    </message>
    <message>
        <source>Was a member of {club} ({joined} – {left})</source>
        <translation>Đã là hội viên {club} ({joined} – {left})</translation>
    </message>
    <message>
        <source>Not a member of the family club</source>
        <translation>Chưa tham gia CLB gia đình</translation>
    </message>
    <message>
        <source>Notes: {notes}</source>
        <translation>Ghi chú: {notes}</translation>
    </message>
    <message>
        <source>Members ({n})</source>
        <translation>Thành viên ({n})</translation>
    </message>
    <message>
        <source>Visits to the family ({n})</source>
        <translation>Thăm hỏi gia đình ({n})</translation>
    </message>
    <message>
        <source>done</source>
        <translation>đã xong</translation>
    </message>
    <message>
        <source>to do</source>
        <translation>chưa làm</translation>
    </message>
    <message>
        <source>No visit recorded.</source>
        <translation>Chưa có lần thăm nào.</translation>
    </message>
</context>
<context>
    <name>HouseholdsPane</name>
    <message>
        <source>Households &amp; club</source>
        <translation>Hộ gia đình &amp; CLB</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>Hộ gia đình</translation>
    </message>
    <message>
        <source>Club</source>
        <translation>CLB</translation>
    </message>
</context>
<context>
    <name>HouseholdsTab</name>
    <message>
        <source>Head of household</source>
        <translation>Chủ hộ</translation>
    </message>
    <message>
        <source>Hamlet</source>
        <translation>Ấp/thôn</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Nhân khẩu</translation>
    </message>
    <message>
        <source>Poverty status</source>
        <translation>Diện nghèo</translation>
    </message>
    <message>
        <source>Club</source>
        <translation>CLB</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>Lần thăm gần nhất</translation>
    </message>
    <message>
        <source>Search by head's name, hamlet or phone (Ctrl+F)</source>
        <translation>Tìm theo tên chủ hộ, ấp/thôn hoặc số điện thoại (Ctrl+F)</translation>
    </message>
    <message>
        <source>All poverty statuses</source>
        <translation>Mọi diện nghèo</translation>
    </message>
    <message>
        <source>All households</source>
        <translation>Tất cả các hộ</translation>
    </message>
    <message>
        <source>Club members</source>
        <translation>Hội viên CLB</translation>
    </message>
    <message>
        <source>Not in the club</source>
        <translation>Chưa vào CLB</translation>
    </message>
    <message>
        <source>&amp;New household…</source>
        <translation>&amp;Thêm hộ…</translation>
    </message>
    <message>
        <source>&amp;Edit household…</source>
        <translation>&amp;Sửa hộ…</translation>
    </message>
    <message>
        <source>&amp;Delete household…</source>
        <translation>&amp;Xóa hộ…</translation>
    </message>
    <message>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <source>{n} households</source>
        <translation>{n} hộ</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Đang tìm…</translation>
    </message>
    <message>
        <source>its {n} members in the household list</source>
        <translation>{n} thành viên trong danh sách của hộ</translation>
    </message>
    <message>
        <source>({n} of them registered workers, whose records stay)</source>
        <translation>(trong đó {n} người đã có hồ sơ người lao động, hồ sơ vẫn được giữ)</translation>
    </message>
    <message>
        <source>Delete the household of {head}{hamlet}?</source>
        <translation>Xóa hộ {head}{hamlet}?</translation>
    </message>
    <message>
        <source>Goes with it: {what}.</source>
        <translation>Xóa theo: {what}.</translation>
    </message>
    <message>
        <source>Its club membership{club}, {visits} visits and {meetings} meeting attendances stay in the history but are no longer shown.</source>
        <translation>Tư cách hội viên CLB{club}, {visits} lần thăm hỏi và {meetings} lượt dự sinh hoạt vẫn lưu trong lịch sử nhưng không còn hiện ra.</translation>
    </message>
    <message>
        <source>Delete household</source>
        <translation>Xóa hộ gia đình</translation>
    </message>
    <message>
        <source>Remove {name} from the household of {head}?</source>
        <translation>Bỏ {name} khỏi hộ {head}?</translation>
    </message>
    <message>
        <source>The worker's own record stays; only the link to this household goes.</source>
        <translation>Hồ sơ người lao động vẫn giữ nguyên; chỉ bỏ liên kết với hộ này.</translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation>Bỏ thành viên khỏi hộ</translation>
    </message>
</context>
<context>
    <name>ImportAction</name>
    <message>
        <source>&amp;Import from Excel…</source>
        <translation>&amp;Nhập từ Excel…</translation>
    </message>
    <message>
        <source>Bring in the lists kept in Excel, or merge several communes' files</source>
        <translation>Nhập danh sách đang lưu bằng Excel, hoặc gộp tệp của nhiều xã</translation>
    </message>
</context>
<context>
    <name>ImportHistoryAction</name>
    <message>
        <source>Import &amp;history…</source>
        <translation>&amp;Lịch sử nhập…</translation>
    </message>
    <message>
        <source>See past imports from Excel and undo one as a whole</source>
        <translation>Xem các lần nhập từ Excel và hoàn tác cả một lần nhập</translation>
    </message>
</context>
<context>
    <name>ImportHistoryDialog</name>
    <message>
        <source>Import history</source>
        <translation>Lịch sử nhập</translation>
    </message>
    <message>
        <source>Every import from Excel, newest first. Undoing an import removes the people and departures it added and gives the records it updated their previous values back.</source>
        <translation>Các lần nhập từ Excel, mới nhất ở trên. Hoàn tác một lần nhập sẽ xóa những người và lượt xuất cảnh lần đó đã thêm, và trả lại giá trị cũ cho những hồ sơ lần đó đã cập nhật.</translation>
    </message>
    <message>
        <source>&amp;Undo this import</source>
        <translation>&amp;Hoàn tác lần nhập này</translation>
    </message>
    <message>
        <source>Nothing has been imported from Excel yet.</source>
        <translation>Chưa có lần nhập nào từ Excel.</translation>
    </message>
    <message>
        <source>Undo the import of %1 (%2)?

It read %3 rows: %4 new records will be removed and %5 updated records will get their previous values back (%6 skipped, %7 with errors). Records changed again since then are left as they are.</source>
        <translation>Hoàn tác lần nhập tệp %1 (%2)?

Lần đó đã đọc %3 dòng: %4 hồ sơ nhập mới sẽ bị xóa và %5 hồ sơ đã cập nhật sẽ được trả lại giá trị cũ (bỏ qua %6, lỗi %7). Hồ sơ đã được sửa lại sau đó sẽ giữ nguyên.</translation>
    </message>
    <message>
        <source>Undo this import</source>
        <translation>Hoàn tác lần nhập này</translation>
    </message>
    <message>
        <source>Undoing…</source>
        <translation>Đang hoàn tác…</translation>
    </message>
    <message>
        <source>Import undone: %1 records removed, %2 restored.</source>
        <translation>Đã hoàn tác lần nhập: xóa %1 hồ sơ, khôi phục %2 hồ sơ.</translation>
    </message>
    <message>
        <source>%1 records changed since the import were left as they are.</source>
        <translation>%1 hồ sơ đã được sửa sau lần nhập nên giữ nguyên.</translation>
    </message>
</context>
<context>
    <name>ImportHistoryModel</name>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Đã đọc</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nhập mới</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Cập nhật</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Bỏ qua</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Lỗi</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>Đã hoàn tác</translation>
    </message>
    <message>
        <source>In effect</source>
        <translation>Còn hiệu lực</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import from Excel</source>
        <translation>Nhập từ Excel</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Nhập</translation>
    </message>
</context>
<context>
    <name>JoinClubDialog</name>
    <message>
        <source>Add a member household</source>
        <translation>Thêm hộ thành viên CLB</translation>
    </message>
    <message>
        <source>Households that are not in a club yet. Joining: {club}</source>
        <translation>Các hộ chưa tham gia CLB nào. Vào CLB: {club}</translation>
    </message>
    <message>
        <source>Head's name, hamlet or phone</source>
        <translation>Tên chủ hộ, ấp/thôn hoặc số điện thoại</translation>
    </message>
    <message>
        <source>Only households of {commune}</source>
        <translation>Chỉ các hộ ở {commune}</translation>
    </message>
    <message>
        <source>&amp;Household:</source>
        <translation>&amp;Hộ:</translation>
    </message>
    <message>
        <source>&amp;Joined on:</source>
        <translation>Ngày &amp;vào CLB:</translation>
    </message>
    <message>
        <source>Enter the day it joined</source>
        <translation>Hãy nhập ngày vào CLB</translation>
    </message>
    <message>
        <source>Choose a household from the list</source>
        <translation>Hãy chọn một hộ trong danh sách</translation>
    </message>
</context>
<context>
    <name>LeaveClubDialog</name>
    <message>
        <source>End membership</source>
        <translation>Rời CLB</translation>
    </message>
    <message>
        <source>{household} joined on {joined}. On which day did it leave the club?</source>
        <translation>Hộ {household} vào CLB ngày {joined}. Hộ rời CLB ngày nào?</translation>
    </message>
    <message>
        <source>&amp;Left on:</source>
        <translation>Ngày &amp;rời CLB:</translation>
    </message>
    <message>
        <source>Enter the day it left</source>
        <translation>Hãy nhập ngày rời CLB</translation>
    </message>
</context>
<context>
    <name>LifecycleDialog</name>
    <message>
        <source>Unsaved changes</source>
        <translation>Chưa lưu thay đổi</translation>
    </message>
    <message>
        <source>What you typed in this form is not saved yet. Close and discard it?</source>
        <translation>Những gì đã nhập trong biểu mẫu này chưa được lưu. Đóng và bỏ đi?</translation>
    </message>
    <message>
        <source>Not possible</source>
        <translation>Không thể thực hiện</translation>
    </message>
    <message>
        <source>Saved. Please check:</source>
        <translation>Đã lưu. Xin kiểm tra lại:</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Đã lưu</translation>
    </message>
</context>
<context>
    <name>ListPane</name>
    <message>
        <source>To do: {list}</source>
        <extracomment>default sort of the list</extracomment>
        <translation>Việc cần làm: {list}</translation>
    </message>
    <message>
        <source>Only the people of the chosen commune.</source>
        <translation>Chỉ người lao động của xã/phường đã chọn.</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <source>CCCD</source>
        <translation>CCCD</translation>
    </message>
    <message>
        <source>Hamlet</source>
        <translation>Ấp/thôn</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>Hiện tất cả</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Bỏ lọc</translation>
    </message>
    <message>
        <source>Search by name (with or without diacritics), CCCD or phone…</source>
        <translation>Tìm theo họ tên (có dấu hoặc không dấu), CCCD hoặc số điện thoại…</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in</source>
        <extracomment>the shortest password accepted (the service checks it too)</extracomment>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <source>Enter your user name and password to work with the records.</source>
        <translation>Nhập tên đăng nhập và mật khẩu để làm việc với hồ sơ.</translation>
    </message>
    <message>
        <source>Database: {location}</source>
        <translation>CSDL: {location}</translation>
    </message>
    <message>
        <source>&amp;Show password</source>
        <translation>&amp;Hiện mật khẩu</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Tên đăng nhập:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation>Đăng &amp;nhập</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>Hãy nhập tên đăng nhập.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Hãy nhập mật khẩu.</translation>
    </message>
    <message>
        <source>The password needs at least {n} characters.</source>
        <translation>Mật khẩu cần ít nhất {n} ký tự.</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>Hai lần nhập mật khẩu không giống nhau.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Cannot open the database</source>
        <translation>Không mở được cơ sở dữ liệu</translation>
    </message>
    <message>
        <source>Open another database</source>
        <translation>Mở cơ sở dữ liệu khác</translation>
    </message>
    <message>
        <source>XKLĐ databases (*.db *.sqlite *.sqlite3);;All files (*)</source>
        <translation>Cơ sở dữ liệu XKLĐ (*.db *.sqlite *.sqlite3);;Tất cả các tệp (*)</translation>
    </message>
    <message>
        <source>Database: {location}</source>
        <translation>CSDL: {location}</translation>
    </message>
    <message>
        <source>Upgrading the database…</source>
        <translation>Đang nâng cấp cơ sở dữ liệu…</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>Đang mở cơ sở dữ liệu…</translation>
    </message>
    <message>
        <source>Database: not open</source>
        <translation>CSDL: chưa mở</translation>
    </message>
    <message>
        <source>Sample data</source>
        <translation>Dữ liệu mẫu</translation>
    </message>
    <message>
        <source>The database is empty. Load sample data (one sample commune) to try the program?</source>
        <translation>Cơ sở dữ liệu còn trống. Nạp dữ liệu mẫu (một xã mẫu) để dùng thử?</translation>
    </message>
    <message>
        <source>Loading sample data…</source>
        <translation>Đang nạp dữ liệu mẫu…</translation>
    </message>
    <message>
        <source>Cannot load the sample data</source>
        <translation>Không nạp được dữ liệu mẫu</translation>
    </message>
    <message>
        <source>not open</source>
        <translation>chưa mở</translation>
    </message>
    <message>
        <source>Records of workers going abroad on fixed-term contracts, kept at the commune.</source>
        <translation>Quản lý hồ sơ người lao động đi làm việc có thời hạn ở nước ngoài theo hợp đồng, dành cho cấp xã.</translation>
    </message>
    <message>
        <source>Version: {version}</source>
        <translation>Phiên bản: {version}</translation>
    </message>
    <message>
        <source>Licence: {licence}</source>
        <translation>Giấy phép: {licence}</translation>
    </message>
    <message>
        <source>Qt {qt}, PySide6 {pyside}</source>
        <translation>Qt {qt}, PySide6 {pyside}</translation>
    </message>
    <message>
        <source>About {app}</source>
        <translation>Giới thiệu {app}</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <source>&amp;Open another database…</source>
        <translation>&amp;Mở cơ sở dữ liệu khác…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>T&amp;hoát</translation>
    </message>
    <message>
        <source>&amp;Back up now…</source>
        <translation>&amp;Sao lưu ngay…</translation>
    </message>
    <message>
        <source>&amp;Restore from a backup…</source>
        <translation>&amp;Khôi phục từ bản sao lưu…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;Giới thiệu</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Columns</source>
        <translation>Các cột</translation>
    </message>
    <message>
        <source>Check what each column holds; change it where the program guessed wrong. Your changes are remembered.</source>
        <translation>Kiểm tra nội dung từng cột; sửa lại chỗ chương trình đoán sai. Những thay đổi của bạn sẽ được ghi nhớ cho lần sau.</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Cột</translation>
    </message>
    <message>
        <source>Header in the file</source>
        <translation>Tiêu đề trong tệp</translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>Nhập vào mục</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>Ví dụ</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Đang đọc tệp…</translation>
    </message>
    <message>
        <source>No header row was found (it needs at least two columns such as Full name, Date of birth, ID).</source>
        <translation>Không tìm thấy dòng tiêu đề (cần ít nhất hai cột như Họ và tên, Ngày sinh, CCCD).</translation>
    </message>
    <message>
        <source>Header found on row %1 of sheet “%2”.</source>
        <translation>Dòng tiêu đề là dòng %1 của trang “%2”.</translation>
    </message>
    <message>
        <source>(do not import)</source>
        <translation>(không nhập)</translation>
    </message>
</context>
<context>
    <name>MeetingDialog</name>
    <message>
        <source>Edit meeting</source>
        <translation>Sửa buổi sinh hoạt</translation>
    </message>
    <message>
        <source>New meeting</source>
        <translation>Ghi buổi sinh hoạt</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Ngày:</translation>
    </message>
    <message>
        <source>&amp;Topic:</source>
        <translation>&amp;Nội dung:</translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation>Đị&amp;a điểm:</translation>
    </message>
    <message>
        <source>VND, e.g. 500.000, 500k or 1.500.000</source>
        <translation>đồng, ví dụ 500.000, 500k hoặc 1.500.000</translation>
    </message>
    <message>
        <source>&amp;Fund contribution:</source>
        <translation>Đóng góp &amp;quỹ:</translation>
    </message>
    <message>
        <source>Tick &amp;all</source>
        <translation>Chọn &amp;tất cả</translation>
    </message>
    <message>
        <source>Untick all</source>
        <translation>Bỏ chọn tất cả</translation>
    </message>
    <message>
        <source>Households a&amp;ttending:</source>
        <translation>&amp;Hộ tham dự:</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>Gh&amp;i chú:</translation>
    </message>
    <message>
        <source>Enter the meeting's date</source>
        <translation>Hãy nhập ngày sinh hoạt</translation>
    </message>
    <message>
        <source>No member household on that day</source>
        <translation>Ngày đó CLB chưa có hộ thành viên</translation>
    </message>
    <message>
        <source>{n} of {total} households</source>
        <translation>{n}/{total} hộ</translation>
    </message>
    <message>
        <source>Enter what the meeting was about</source>
        <translation>Hãy nhập nội dung buổi sinh hoạt</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <source>Edit member</source>
        <translation>Sửa thành viên</translation>
    </message>
    <message>
        <source>Add a member</source>
        <translation>Thêm thành viên</translation>
    </message>
    <message>
        <source>&amp;Registered worker:</source>
        <translation>&amp;Tìm người lao động:</translation>
    </message>
    <message>
        <source>Full &amp;name:</source>
        <translation>&amp;Họ tên:</translation>
    </message>
    <message>
        <source>Relationship to the &amp;head:</source>
        <translation>&amp;Quan hệ với chủ hộ:</translation>
    </message>
    <message>
        <source>Date of &amp;birth:</source>
        <translation>Ngày &amp;sinh:</translation>
    </message>
</context>
<context>
    <name>MoneyField</name>
    <message>
        <source>VND</source>
        <translation>đồng</translation>
    </message>
</context>
<context>
    <name>NotVisitedBox</name>
    <message>
        <source>last visit {date}</source>
        <translation>lần thăm gần nhất {date}</translation>
    </message>
    <message>
        <source>never visited</source>
        <translation>chưa thăm lần nào</translation>
    </message>
    <message>
        <source>Click to record a visit to this household</source>
        <translation>Bấm để ghi lần thăm hộ này</translation>
    </message>
    <message>
        <source>Not visited this quarter: {n} households</source>
        <translation>Chưa thăm trong quý này: {n} hộ</translation>
    </message>
    <message>
        <source>Quarter {q}/{year} ({start} – {end}), member households without a visit</source>
        <translation>Quý {q}/{year} ({start} – {end}): hộ thành viên chưa được thăm</translation>
    </message>
    <message>
        <source>Click a household to record a visit.</source>
        <translation>Bấm vào một hộ để ghi lần thăm.</translation>
    </message>
    <message>
        <source>Every member household has been visited this quarter.</source>
        <translation>Tất cả hộ thành viên đã được thăm trong quý này.</translation>
    </message>
</context>
<context>
    <name>OutreachSessionDialog</name>
    <message>
        <source>New outreach session</source>
        <translation>Buổi tư vấn mới</translation>
    </message>
    <message>
        <source>Outreach session</source>
        <translation>Buổi tư vấn</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Ngày:</translation>
    </message>
    <message>
        <source>&amp;Topic:</source>
        <translation>&amp;Nội dung:</translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation>Đị&amp;a điểm:</translation>
    </message>
    <message>
        <source>&amp;Organiser:</source>
        <translation>Đơn vị tổ &amp;chức:</translation>
    </message>
    <message>
        <source>&amp;Number attending:</source>
        <translation>&amp;Số người dự:</translation>
    </message>
    <message>
        <source>Find a registered person by name, CCCD or phone…</source>
        <translation>Tìm người đã có hồ sơ theo họ tên, CCCD hoặc số điện thoại…</translation>
    </message>
    <message>
        <source>Add ↓</source>
        <translation>Thêm ↓</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>Bỏ khỏi danh sách</translation>
    </message>
    <message>
        <source>&amp;Registered attendees:</source>
        <translation>Người dự có &amp;hồ sơ:</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>Gh&amp;i chú:</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Lưu</translation>
    </message>
    <message>
        <source>Chosen: {n} registered people</source>
        <translation>Đã chọn: {n} người có hồ sơ</translation>
    </message>
</context>
<context>
    <name>OutreachSessionsDialog</name>
    <message>
        <source>Outreach sessions</source>
        <translation>Buổi tư vấn, tuyên truyền</translation>
    </message>
    <message>
        <source>&amp;Year:</source>
        <translation>&amp;Năm:</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Thêm…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Sửa…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Xóa</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>Mọi năm</translation>
    </message>
    <message>
        <source>{n} sessions, {people} attending</source>
        <translation>{n} buổi, {people} lượt người dự</translation>
    </message>
    <message>
        <source>Delete the outreach session of {date} at {place} ({topic})?
Its attendance list ({registered} registered people of {count} attending) goes with it.</source>
        <translation>Xóa buổi tư vấn ngày {date} tại {place} ({topic})?
Danh sách người dự ({registered} người có hồ sơ trong {count} người dự) cũng bị xóa theo.</translation>
    </message>
    <message>
        <source>Delete outreach session</source>
        <translation>Xóa buổi tư vấn</translation>
    </message>
</context>
<context>
    <name>OverviewPane</name>
    <message>
        <source>Overview</source>
        <extracomment>width of each chart picture (two side by side fit the window at its usual size)</extracomment>
        <translation>Tổng quan</translation>
    </message>
    <message>
        <source>Year {year}</source>
        <translation>Năm {year}</translation>
    </message>
    <message>
        <source>Departures this year (legal), against the target:</source>
        <translation>Xuất cảnh trong năm (hợp pháp) so với chỉ tiêu:</translation>
    </message>
    <message>
        <source>Candidates (working-age people reviewed)</source>
        <translation>Trong diện rà soát (lao động trong độ tuổi)</translation>
    </message>
    <message>
        <source>Registered to go</source>
        <translation>Đã đăng ký đi</translation>
    </message>
    <message>
        <source>Abroad now</source>
        <translation>Đang ở nước ngoài</translation>
    </message>
    <message>
        <source>of whom absconded or overstaying</source>
        <translation>trong đó bỏ trốn, cư trú bất hợp pháp</translation>
    </message>
    <message>
        <source>Returned this year</source>
        <translation>Về nước trong năm</translation>
    </message>
    <message>
        <source>Outreach sessions this year</source>
        <translation>Buổi tư vấn trong năm</translation>
    </message>
    <message>
        <source>Outreach sessions this year ({n} attending)</source>
        <translation>Buổi tư vấn trong năm ({n} lượt người dự)</translation>
    </message>
    <message>
        <source>{done} workers (no target set)</source>
        <translation>{done} lao động (chưa giao chỉ tiêu)</translation>
    </message>
    <message>
        <source>{done}/{target} workers, {percent} % achieved</source>
        <translation>{done}/{target} lao động, đạt {percent} %</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Đang đếm…</translation>
    </message>
    <message>
        <source>Click a line to open its list.</source>
        <translation>Bấm vào một dòng để mở danh sách.</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>Người lao động</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>Hộ gia đình</translation>
    </message>
    <message>
        <source>Departures</source>
        <translation>Lượt xuất cảnh</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>Lượt về nước</translation>
    </message>
    <message>
        <source>Workers by status</source>
        <translation>Người lao động theo trạng thái</translation>
    </message>
    <message>
        <source>Departures in the last ten years: per year against the target, and by market</source>
        <translation>Xuất cảnh trong mười năm gần đây: theo năm so với chỉ tiêu, và theo thị trường</translation>
    </message>
    <message>
        <source>To do</source>
        <translation>Việc cần làm</translation>
    </message>
    <message>
        <source>&amp;Targets…</source>
        <translation>&amp;Chỉ tiêu…</translation>
    </message>
    <message>
        <source>&amp;Outreach sessions…</source>
        <translation>&amp;Buổi tư vấn…</translation>
    </message>
    <message>
        <source>Departures by year</source>
        <translation>Xuất cảnh theo năm</translation>
    </message>
    <message>
        <source>No departures recorded yet.</source>
        <translation>Chưa ghi nhận lượt xuất cảnh nào.</translation>
    </message>
</context>
<context>
    <name>Pane</name>
    <message>
        <source>Opening the database…</source>
        <extracomment>the English title, translated in the class's context (the very string of its ``title()``) the panes in sidebar order (Ctrl+1 … Ctrl+7) panes built before they are shown, in idle time (while the database opens, see start_window, or once it is shown): the list most opened, so that its ids are read right after the overview's counts, while the user looks at them, and not after the overview's slower figures</extracomment>
        <translation>Đang mở cơ sở dữ liệu…</translation>
    </message>
    <message>
        <source>Upgrading the database for this version of the program, after making a backup copy of it. On a large database this can take a minute…</source>
        <translation>Đang nâng cấp cơ sở dữ liệu cho phiên bản này của chương trình, sau khi đã sao lưu một bản. Với cơ sở dữ liệu lớn, việc này có thể mất khoảng một phút…</translation>
    </message>
    <message>
        <source>The database could not be opened. Use File › Open another database… to choose one.</source>
        <translation>Chưa mở được cơ sở dữ liệu. Hãy chọn Tệp › Mở cơ sở dữ liệu khác… để mở một tệp khác.</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Change my password</source>
        <translation>Đổi mật khẩu của tôi</translation>
    </message>
    <message>
        <source>Set a new password</source>
        <translation>Đặt mật khẩu mới</translation>
    </message>
    <message>
        <source>Account: {username}</source>
        <translation>Tài khoản: {username}</translation>
    </message>
    <message>
        <source>At least {n} characters.</source>
        <translation>Ít nhất {n} ký tự.</translation>
    </message>
    <message>
        <source>&amp;Show password</source>
        <translation>&amp;Hiện mật khẩu</translation>
    </message>
    <message>
        <source>&amp;Current password:</source>
        <translation>Mật khẩu &amp;hiện tại:</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>Mật khẩu &amp;mới:</translation>
    </message>
    <message>
        <source>&amp;Repeat new password:</source>
        <translation>Nhập &amp;lại mật khẩu mới:</translation>
    </message>
    <message>
        <source>Enter your current password.</source>
        <translation>Hãy nhập mật khẩu hiện tại.</translation>
    </message>
</context>
<context>
    <name>PeopleModel</name>
    <message>
        <source>(deleted)</source>
        <extracomment>the order (a ``services.people.PeopleOrder`` value) each sortable column stands for; the number (STT) and the market are not sortable the person's id (int) the whole :class:`~xkld_desktop.services.people.PersonRow` (or ``None`` if gone)</extracomment>
        <translation>(đã xóa)</translation>
    </message>
    <message>
        <source>Sorted the Vietnamese way: given name first, then family and middle names</source>
        <translation>Xếp theo thứ tự tiếng Việt: theo tên trước, rồi đến họ và tên đệm</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>STT</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>Số CCCD</translation>
    </message>
    <message>
        <source>Hamlet</source>
        <translation>Ấp/thôn</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>Thị trường</translation>
    </message>
</context>
<context>
    <name>PeoplePane</name>
    <message>
        <source>Workers</source>
        <extracomment>pause in typing before the list follows the search text</extracomment>
        <translation>Người lao động</translation>
    </message>
    <message>
        <source>Search by name (with or without diacritics), CCCD or phone number…  (Ctrl+F)</source>
        <translation>Tìm theo họ tên (có dấu hay không dấu), số CCCD hoặc số điện thoại…  (Ctrl+F)</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Bỏ lọc</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>Hiện tất cả</translation>
    </message>
    <message>
        <source>&amp;New worker…</source>
        <translation>&amp;Thêm người lao động…</translation>
    </message>
    <message>
        <source>Add a worker (Ctrl+N)</source>
        <translation>Thêm người lao động (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Sửa…</translation>
    </message>
    <message>
        <source>Edit the selected worker's record (F2)</source>
        <translation>Sửa hồ sơ của người đang chọn (F2)</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Xóa…</translation>
    </message>
    <message>
        <source>Delete the selected worker's record (Del)</source>
        <translation>Xóa hồ sơ của người đang chọn (Del)</translation>
    </message>
    <message>
        <source>&amp;Review…</source>
        <translation>&amp;Rà soát…</translation>
    </message>
    <message>
        <source>Record this year's review for the workers chosen (Shift or Ctrl+click to choose several)</source>
        <translation>Ghi phiếu rà soát năm nay cho những người đã chọn (giữ Shift hoặc Ctrl khi bấm để chọn nhiều người)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Hamlet</source>
        <translation>Ấp/thôn</translation>
    </message>
    <message>
        <source>Policy group</source>
        <translation>Đối tượng chính sách</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>Thị trường</translation>
    </message>
    <message>
        <source>Year of departure</source>
        <translation>Năm xuất cảnh</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Mọi trạng thái</translation>
    </message>
    <message>
        <source>All hamlets</source>
        <translation>Mọi ấp/thôn</translation>
    </message>
    <message>
        <source>All policy groups</source>
        <translation>Mọi đối tượng chính sách</translation>
    </message>
    <message>
        <source>All markets</source>
        <translation>Mọi thị trường</translation>
    </message>
    <message>
        <source>All years of departure</source>
        <translation>Mọi năm xuất cảnh</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Đang tải…</translation>
    </message>
    <message>
        <source>{count} people</source>
        <translation>{count} người</translation>
    </message>
    <message>
        <source>Nobody matches the search and the filters.</source>
        <translation>Không có ai khớp với nội dung tìm kiếm và bộ lọc.</translation>
    </message>
    <message>
        <source>No worker is recorded yet. Press Ctrl+N to add the first one.</source>
        <translation>Chưa có hồ sơ người lao động nào. Bấm Ctrl+N để thêm người đầu tiên.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Đã lưu.</translation>
    </message>
    <message>
        <source>The record of {name} was deleted.</source>
        <translation>Đã xóa hồ sơ của {name}.</translation>
    </message>
    <message>
        <source>Delete the record of {name}?</source>
        <translation>Xóa hồ sơ của {name}?</translation>
    </message>
    <message>
        <source>{n} departure(s)</source>
        <translation>{n} lần xuất cảnh</translation>
    </message>
    <message>
        <source>{n} return(s) with their follow-ups</source>
        <translation>{n} lần về nước, cùng các lần theo dõi sau về nước</translation>
    </message>
    <message>
        <source>{n} yearly review(s)</source>
        <translation>{n} phiếu rà soát hằng năm</translation>
    </message>
    <message>
        <source>membership of the household of {head}</source>
        <translation>tên trong danh sách thành viên hộ {head}</translation>
    </message>
    <message>
        <source>the status timeline ({n} entries)</source>
        <translation>diễn biến trạng thái ({n} mục)</translation>
    </message>
    <message>
        <source>Deleted with it:</source>
        <translation>Sẽ bị xóa cùng hồ sơ:</translation>
    </message>
    <message>
        <source>The household(s) this person heads ({n}) are kept.</source>
        <translation>{n} hộ do người này làm chủ hộ vẫn được giữ lại.</translation>
    </message>
    <message>
        <source>Deleted records are no longer listed or counted, but stay in the database marked as deleted.</source>
        <translation>Hồ sơ đã xóa không còn hiện trong danh sách và không được tính vào số liệu, nhưng vẫn được giữ trong cơ sở dữ liệu kèm dấu đã xóa.</translation>
    </message>
    <message>
        <source>Delete worker</source>
        <translation>Xóa hồ sơ người lao động</translation>
    </message>
</context>
<context>
    <name>PersonForm</name>
    <message>
        <source>New worker</source>
        <extracomment>the 54 ethnic groups of Viet Nam (official names), offered as the user types issue field of the commune combo (not a PersonInput check: the text must name a listed unit)</extracomment>
        <translation>Thêm người lao động</translation>
    </message>
    <message>
        <source>Worker record: {name}</source>
        <translation>Hồ sơ người lao động: {name}</translation>
    </message>
    <message>
        <source>dd/mm/yyyy, or only the year</source>
        <translation>dd/mm/yyyy, hoặc chỉ năm sinh</translation>
    </message>
    <message>
        <source>12 digits (CCCD) or 9 digits (old CMND)</source>
        <translation>12 chữ số (CCCD) hoặc 9 chữ số (CMND cũ)</translation>
    </message>
    <message>
        <source>10 digits starting with 0</source>
        <translation>10 chữ số, bắt đầu bằng 0</translation>
    </message>
    <message>
        <source>— not recorded —</source>
        <translation>— chưa ghi —</translation>
    </message>
    <message>
        <source>Consent form number, or the article of law</source>
        <translation>Số phiếu đồng ý, hoặc điều khoản của luật</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>Nhân thân</translation>
    </message>
    <message>
        <source>Full &amp;name: *</source>
        <translation>&amp;Họ và tên: *</translation>
    </message>
    <message>
        <source>&amp;Gender:</source>
        <translation>&amp;Giới tính:</translation>
    </message>
    <message>
        <source>Date of &amp;birth:</source>
        <translation>Ngày &amp;sinh:</translation>
    </message>
    <message>
        <source>&amp;CCCD / CMND:</source>
        <translation>Số &amp;CCCD/CMND:</translation>
    </message>
    <message>
        <source>Issued on:</source>
        <translation>Ngày cấp:</translation>
    </message>
    <message>
        <source>&amp;Passport:</source>
        <translation>Hộ chiế&amp;u:</translation>
    </message>
    <message>
        <source>Worker code:</source>
        <translation>Mã số NLĐ:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>T&amp;rạng thái:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Trạng thái:</translation>
    </message>
    <message>
        <source>{status} (since {date})</source>
        <translation>{status} (từ {date})</translation>
    </message>
    <message>
        <source>Contact and address</source>
        <translation>Liên lạc và địa chỉ</translation>
    </message>
    <message>
        <source>P&amp;hone:</source>
        <translation>Điện &amp;thoại:</translation>
    </message>
    <message>
        <source>Ha&amp;mlet:</source>
        <translation>Ấ&amp;p/thôn:</translation>
    </message>
    <message>
        <source>Co&amp;mmune / ward:</source>
        <translation>&amp;Xã/phường:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>Đị&amp;a chỉ:</translation>
    </message>
    <message>
        <source>Education and skills</source>
        <translation>Học vấn và kỹ năng</translation>
    </message>
    <message>
        <source>&amp;Ethnicity:</source>
        <translation>&amp;Dân tộc:</translation>
    </message>
    <message>
        <source>E&amp;ducation:</source>
        <translation>Trình độ học &amp;vấn:</translation>
    </message>
    <message>
        <source>&amp;Trade / skill:</source>
        <translation>Nghề, &amp;kỹ năng:</translation>
    </message>
    <message>
        <source>&amp;Foreign language:</source>
        <translation>&amp;Ngoại ngữ:</translation>
    </message>
    <message>
        <source>Outreach group:</source>
        <translation>Nhóm vận động:</translation>
    </message>
    <message>
        <source>Policy groups</source>
        <translation>Thuộc các nhóm đối tượng chính sách</translation>
    </message>
    <message>
        <source>Notes and consent</source>
        <translation>Ghi chú và đồng ý lưu dữ liệu</translation>
    </message>
    <message>
        <source>Consented to keeping the data on:</source>
        <translation>Ngày đồng ý cho lưu dữ liệu:</translation>
    </message>
    <message>
        <source>Legal basis for keeping the data:</source>
        <translation>Căn cứ lưu giữ dữ liệu:</translation>
    </message>
    <message>
        <source>Basis established on:</source>
        <translation>Ngày xác lập căn cứ:</translation>
    </message>
    <message>
        <source>Basis details:</source>
        <translation>Chi tiết căn cứ:</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>Gh&amp;i chú:</translation>
    </message>
    <message>
        <source>* required. Enter saves, Esc cancels.</source>
        <translation>* bắt buộc. Enter để lưu, Esc để hủy.</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Lưu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>{name} (before 01/07/2025)</source>
        <translation>{name} (trước 01/07/2025)</translation>
    </message>
    <message>
        <source>Choose a commune or ward from the list.</source>
        <translation>Hãy chọn xã/phường trong danh sách.</translation>
    </message>
    <message>
        <source>Possibly the same person</source>
        <translation>Có thể trùng người</translation>
    </message>
    <message>
        <source>CCCD already recorded</source>
        <translation>Số CCCD đã có</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Chưa lưu thay đổi</translation>
    </message>
    <message>
        <source>The changes you made to this record are not saved yet. Close and discard them?</source>
        <translation>Những thay đổi bạn vừa nhập cho hồ sơ này chưa được lưu. Đóng và bỏ các thay đổi đó?</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>Không lưu được</translation>
    </message>
</context>
<context>
    <name>PersonPage</name>
    <message>
        <source>&amp;Review…</source>
        <extracomment>colour of the status badge and of the timeline titles role of a timeline item that holds its :class:`TimelineEntry`</extracomment>
        <translation>&amp;Rà soát…</translation>
    </message>
    <message>
        <source>Record the yearly review of this person</source>
        <translation>Ghi kết quả rà soát hằng năm của người này</translation>
    </message>
    <message>
        <source>Re&amp;gister…</source>
        <translation>Đăn&amp;g ký…</translation>
    </message>
    <message>
        <source>&amp;Departure…</source>
        <translation>&amp;Xuất cảnh…</translation>
    </message>
    <message>
        <source>Status &amp;abroad…</source>
        <translation>&amp;Tình trạng ở nước ngoài…</translation>
    </message>
    <message>
        <source>Re&amp;turn…</source>
        <translation>&amp;Về nước…</translation>
    </message>
    <message>
        <source>&amp;Follow-up…</source>
        <translation>Th&amp;eo dõi…</translation>
    </message>
    <message>
        <source>&amp;More</source>
        <translation>&amp;Khác</translation>
    </message>
    <message>
        <source>Start of &amp;training…</source>
        <translation>Bắt đầu đào &amp;tạo…</translation>
    </message>
    <message>
        <source>&amp;Withdrawal…</source>
        <translation>&amp;Rút hồ sơ…</translation>
    </message>
    <message>
        <source>Residence &amp;notification…</source>
        <translation>&amp;Khai báo cư trú…</translation>
    </message>
    <message>
        <source>Edit the de&amp;parture…</source>
        <translation>Sửa lần &amp;xuất cảnh…</translation>
    </message>
    <message>
        <source>Correct a recorded departure: date, market, company, contract…</source>
        <translation>Sửa lần xuất cảnh đã ghi: ngày, thị trường, doanh nghiệp, hợp đồng…</translation>
    </message>
    <message>
        <source>Edit the ret&amp;urn…</source>
        <translation>Sửa lần &amp;về nước…</translation>
    </message>
    <message>
        <source>Correct a recorded return: date, reason, residence notification</source>
        <translation>Sửa lần về nước đã ghi: ngày, lý do, khai báo cư trú</translation>
    </message>
    <message>
        <source>Mark as &amp;died…</source>
        <translation>Đã &amp;chết…</translation>
    </message>
    <message>
        <source>Mark as &amp;missing…</source>
        <translation>&amp;Mất tích…</translation>
    </message>
    <message>
        <source>Erase this person's data on request…</source>
        <translation>Xóa dữ liệu của người này theo yêu cầu…</translation>
    </message>
    <message>
        <source>Print record &amp;sheet…</source>
        <translation>In p&amp;hiếu thông tin…</translation>
    </message>
    <message>
        <source>The worker's record sheet: identity, household and the whole history</source>
        <translation>Phiếu thông tin người lao động: nhân thân, hộ gia đình và toàn bộ quá trình</translation>
    </message>
    <message>
        <source>Save as &amp;PDF…</source>
        <translation>Lưu &amp;PDF…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;In…</translation>
    </message>
    <message>
        <source>&amp;Edit… (F2)</source>
        <translation>&amp;Sửa… (F2)</translation>
    </message>
    <message>
        <source>Edit the identity, address and other details</source>
        <translation>Sửa thông tin nhân thân, địa chỉ và các thông tin khác</translation>
    </message>
    <message>
        <source>Date of birth:</source>
        <translation>Ngày sinh:</translation>
    </message>
    <message>
        <source>ID number:</source>
        <translation>Số CCCD:</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>Điện thoại:</translation>
    </message>
    <message>
        <source>Lives in:</source>
        <translation>Nơi ở:</translation>
    </message>
    <message>
        <source>Household:</source>
        <translation>Hộ gia đình:</translation>
    </message>
    <message>
        <source>Policy groups:</source>
        <translation>Đối tượng chính sách:</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Diễn biến</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>Người lao động</translation>
    </message>
    <message>
        <source>Worker — {name}</source>
        <translation>Người lao động — {name}</translation>
    </message>
    <message>
        <source>{head} (head) — {relationship}</source>
        <translation>Chủ hộ {head} — {relationship}</translation>
    </message>
    <message>
        <source>Since {date}.</source>
        <translation>Từ ngày {date}.</translation>
    </message>
    <message>
        <source>Abroad in {market} since {date}</source>
        <translation>Đang ở {market} từ ngày {date}</translation>
    </message>
    <message>
        <source>, contract until {date}</source>
        <translation>, hợp đồng đến {date}</translation>
    </message>
    <message>
        <source>Returned on {date} ({timing})</source>
        <translation>Về nước ngày {date} ({timing})</translation>
    </message>
    <message>
        <source>, residence notified</source>
        <translation>, đã khai báo cư trú</translation>
    </message>
    <message>
        <source>, residence not notified yet</source>
        <translation>, chưa khai báo cư trú</translation>
    </message>
    <message>
        <source>, {count} follow-up(s)</source>
        <translation>, {count} lần theo dõi</translation>
    </message>
    <message>
        <source>History ({count} entries, newest first)</source>
        <translation>Quá trình ({count} mục, mới nhất ở trên)</translation>
    </message>
    <message>
        <source>Not possible</source>
        <translation>Không thể thực hiện</translation>
    </message>
    <message>
        <source>Save the record sheet as PDF</source>
        <translation>Lưu phiếu thông tin thành tệp PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The file could not be written: {error}</source>
        <translation>Không ghi được tệp: {error}</translation>
    </message>
    <message>
        <source>Record sheet</source>
        <translation>Phiếu thông tin</translation>
    </message>
    <message>
        <source>Record sheet saved: {path}</source>
        <translation>Đã lưu phiếu thông tin: {path}</translation>
    </message>
    <message>
        <source>Edit this departure…</source>
        <translation>Sửa lần xuất cảnh này…</translation>
    </message>
    <message>
        <source>Edit this return…</source>
        <translation>Sửa lần về nước này…</translation>
    </message>
    <message>
        <source>Delete this departure…</source>
        <translation>Xóa chuyến xuất cảnh này…</translation>
    </message>
    <message>
        <source>Delete this return…</source>
        <translation>Xóa lần về nước này…</translation>
    </message>
    <message>
        <source>Delete this follow-up…</source>
        <translation>Xóa lần theo dõi này…</translation>
    </message>
    <message>
        <source>Delete the departure?</source>
        <translation>Xóa chuyến xuất cảnh?</translation>
    </message>
    <message>
        <source>Delete the return?</source>
        <translation>Xóa lần về nước?</translation>
    </message>
    <message>
        <source>Delete the follow-up of {date}?</source>
        <translation>Xóa lần theo dõi ngày {date}?</translation>
    </message>
    <message>
        <source>Delete the follow-up?</source>
        <translation>Xóa lần theo dõi?</translation>
    </message>
</context>
<context>
    <name>PersonPicker</name>
    <message>
        <source>Search a worker by name, CCCD or phone</source>
        <translation>Tìm người lao động theo tên, CCCD hoặc số điện thoại</translation>
    </message>
    <message>
        <source>&amp;Unlink</source>
        <translation>&amp;Bỏ liên kết</translation>
    </message>
    <message>
        <source>No registered worker matches “{text}”.</source>
        <translation>Không có người lao động nào khớp với “{text}”.</translation>
    </message>
    <message>
        <source>Linked to: {person}</source>
        <translation>Đã liên kết: {person}</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>New</source>
        <extracomment>each match's English text, translated in the preview model's context when shown</extracomment>
        <translation>Mới</translation>
    </message>
    <message>
        <source>Already recorded (same record number)</source>
        <translation>Đã có (cùng mã hồ sơ)</translation>
    </message>
    <message>
        <source>Already recorded (same ID number)</source>
        <translation>Đã có (cùng CCCD)</translation>
    </message>
    <message>
        <source>Possible duplicate</source>
        <translation>Có thể trùng</translation>
    </message>
    <message>
        <source>Conflict between the files</source>
        <translation>Xung đột giữa các tệp</translation>
    </message>
    <message>
        <source>Repeated</source>
        <translation>Lặp lại</translation>
    </message>
    <message>
        <source>Another departure</source>
        <translation>Thêm lượt xuất cảnh</translation>
    </message>
    <message>
        <source>row</source>
        <extracomment>what the list may be limited to (:meth:`set_filter`), as the summary counts the rows the raw (cell) field an edit of each shown field goes to</extracomment>
        <translation>dòng</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Dòng</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>Số CCCD</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <source>Hamlet</source>
        <translation>Ấp/thôn</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>Thị trường</translation>
    </message>
    <message>
        <source>Departure date</source>
        <translation>Ngày xuất cảnh</translation>
    </message>
    <message>
        <source>In the database</source>
        <translation>Đối chiếu với dữ liệu đã có</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Vấn đề</translation>
    </message>
    <message>
        <source>import as new</source>
        <translation>nhập như người mới</translation>
    </message>
    <message>
        <source>take this file's version</source>
        <translation>lấy bản của tệp này</translation>
    </message>
    <message>
        <source>keep the other version</source>
        <translation>giữ bản đã có</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Preview</source>
        <translation>Xem trước</translation>
    </message>
    <message>
        <source>Rows in red have errors and will not be imported until corrected: double-click a cell to correct it. Nothing is written before you click Import.</source>
        <translation>Các dòng tô đỏ có lỗi và sẽ không được nhập cho đến khi sửa: bấm đúp vào ô để sửa. Chưa có gì được ghi cho đến khi bạn bấm Nhập.</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Hiện:</translation>
    </message>
    <message>
        <source>People already recorded (same record or ID number):</source>
        <translation>Người đã có (cùng mã hồ sơ hoặc số CCCD):</translation>
    </message>
    <message>
        <source>&amp;Skip them</source>
        <translation>&amp;Bỏ qua</translation>
    </message>
    <message>
        <source>&amp;Update them with the file's values</source>
        <translation>&amp;Cập nhật theo tệp</translation>
    </message>
    <message>
        <source>&amp;Take this file's version</source>
        <translation>&amp;Lấy bản của tệp này</translation>
    </message>
    <message>
        <source>Import the selected rows as &amp;new people</source>
        <translation>Nhập các dòng đang chọn như &amp;người mới</translation>
    </message>
    <message>
        <source>The same ID number came from another file with other data: use the selected rows' version instead (click again to keep the other version)</source>
        <translation>Cùng số CCCD đến từ một tệp khác với dữ liệu khác: dùng bản của các dòng đang chọn (bấm lần nữa để giữ bản kia)</translation>
    </message>
    <message>
        <source>All rows</source>
        <translation>Tất cả các dòng</translation>
    </message>
    <message>
        <source>With errors</source>
        <translation>Có lỗi</translation>
    </message>
    <message>
        <source>Possible duplicates</source>
        <translation>Có thể trùng</translation>
    </message>
    <message>
        <source>Already recorded</source>
        <translation>Đã có</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Mới</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>Đang kiểm tra từng dòng…</translation>
    </message>
    <message>
        <source>%1 rows: %2 new, %3 already recorded, %4 possible duplicates, %5 with errors.</source>
        <translation>%1 dòng: %2 mới, %3 đã có, %4 có thể trùng, %5 có lỗi.</translation>
    </message>
    <message>
        <source>Checking the rows again with the correction…</source>
        <translation>Đang kiểm tra lại các dòng với ô vừa sửa…</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <source>Show Details...</source>
        <translation>Xem chi tiết...</translation>
    </message>
    <message>
        <source>Hide Details...</source>
        <translation>Ẩn chi tiết...</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Có</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Không</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Áp dụng</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Trợ giúp</translation>
    </message>
</context>
<context>
    <name>QWizard</name>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Quay lại</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Tiếp &gt;</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Xong</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Trợ giúp</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>Xác nhận</translation>
    </message>
</context>
<context>
    <name>RecordList</name>
    <message>
        <source>Searching…</source>
        <extracomment>how long typing must pause before the list searches (milliseconds)</extracomment>
        <translation>Đang tìm…</translation>
    </message>
</context>
<context>
    <name>RecycleBinAction</name>
    <message>
        <source>Recycle &amp;bin…</source>
        <translation>&amp;Thùng rác…</translation>
    </message>
    <message>
        <source>Restore deleted records, or remove them for good</source>
        <translation>Khôi phục hồ sơ đã xóa, hoặc xóa vĩnh viễn</translation>
    </message>
</context>
<context>
    <name>RecycleBinDialog</name>
    <message>
        <source>Recycle bin</source>
        <translation>Thùng rác</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Khôi phục</translation>
    </message>
    <message>
        <source>&amp;Empty the bin…</source>
        <translation>&amp;Dọn sạch thùng rác…</translation>
    </message>
    <message>
        <source>Erase personal data on request…</source>
        <translation>Xóa dữ liệu cá nhân theo yêu cầu…</translation>
    </message>
    <message>
        <source>Deleted records stay here for %1 days, then they are removed for good. Restoring a record brings back what was deleted along with it (a person's departures, a household's members).</source>
        <translation>Hồ sơ đã xóa được giữ ở đây %1 ngày, sau đó bị xóa vĩnh viễn. Khôi phục một hồ sơ sẽ đưa trở lại cả những gì đã bị xóa cùng với nó (các lần xuất cảnh của một người, các thành viên của một hộ).</translation>
    </message>
    <message>
        <source>The bin is empty.</source>
        <translation>Thùng rác trống.</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>Đang khôi phục…</translation>
    </message>
    <message>
        <source>Restored: %1</source>
        <translation>Đã khôi phục: %1</translation>
    </message>
    <message>
        <source>Remove everything in the bin for good?

%1

This cannot be undone: the records and what was deleted along with them leave the database; the audit trail keeps one line per record without its content.</source>
        <translation>Xóa vĩnh viễn mọi thứ trong thùng rác?

%1

Việc này không thể hoàn tác: các hồ sơ và những gì bị xóa cùng với chúng sẽ bị xóa khỏi cơ sở dữ liệu; nhật ký chỉ giữ mỗi hồ sơ một dòng, không kèm nội dung.</translation>
    </message>
    <message>
        <source>Empty the bin</source>
        <translation>Dọn sạch thùng rác</translation>
    </message>
    <message>
        <source>Emptying the bin…</source>
        <translation>Đang dọn thùng rác…</translation>
    </message>
    <message>
        <source>Removed for good: %1 records.</source>
        <translation>Đã xóa vĩnh viễn: %1 hồ sơ.</translation>
    </message>
</context>
<context>
    <name>RecycleBinModel</name>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <source>Deleted on</source>
        <translation>Ngày xóa</translation>
    </message>
    <message>
        <source>Deleted by</source>
        <translation>Người xóa</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>Còn (ngày)</translation>
    </message>
</context>
<context>
    <name>ReportsPane</name>
    <message>
        <source>Reports</source>
        <translation>Báo cáo</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Năm</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>Quý</translation>
    </message>
    <message>
        <source>Date range</source>
        <translation>Khoảng ngày</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Kỳ báo cáo:</translation>
    </message>
    <message>
        <source>quarter</source>
        <translation>quý</translation>
    </message>
    <message>
        <source>from</source>
        <translation>từ ngày</translation>
    </message>
    <message>
        <source>to</source>
        <translation>đến ngày</translation>
    </message>
    <message>
        <source>&amp;Units:</source>
        <translation>Đơn &amp;vị:</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <source>Save as &amp;PDF…</source>
        <translation>Lưu &amp;PDF…</translation>
    </message>
    <message>
        <source>P&amp;rint…</source>
        <translation>&amp;In…</translation>
    </message>
    <message>
        <source>Export to &amp;Excel…</source>
        <translation>Xuất &amp;Excel…</translation>
    </message>
    <message>
        <source>Fill &amp;my template…</source>
        <translation>Điền &amp;mẫu của tôi…</translation>
    </message>
    <message>
        <source>Fill an Excel form of your own that holds {{…}} placeholders (see resources/templates)</source>
        <translation>Điền số liệu vào mẫu Excel của riêng bạn có các chỗ điền {{…}} (xem resources/templates)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Departed workers in the period</source>
        <translation>Danh sách người xuất cảnh trong kỳ</translation>
    </message>
    <message>
        <source>Returnees in the period</source>
        <translation>Danh sách người về nước trong kỳ</translation>
    </message>
    <message>
        <source>Yearly review of working-age people</source>
        <translation>Danh sách rà soát lao động trong độ tuổi</translation>
    </message>
    <message>
        <source>Family club member households</source>
        <translation>Danh sách hộ thành viên CLB gia đình</translation>
    </message>
    <message>
        <source>All communes in the database</source>
        <translation>Tất cả các xã, phường trong cơ sở dữ liệu</translation>
    </message>
    <message>
        <source> (before 01/07/2025)</source>
        <translation> (trước 01/07/2025)</translation>
    </message>
    <message>
        <source>The end of the period must not be before its start.</source>
        <translation>Ngày cuối kỳ không được trước ngày đầu kỳ.</translation>
    </message>
    <message>
        <source>Computing the figures…</source>
        <translation>Đang tính số liệu…</translation>
    </message>
    <message>
        <source>Not stated</source>
        <translation>Chưa rõ</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Tổng cộng</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Số người</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Tỷ lệ</translation>
    </message>
    <message>
        <source>all communes in the database</source>
        <translation>tất cả các xã, phường trong cơ sở dữ liệu</translation>
    </message>
    <message>
        <source>Summary report</source>
        <translation>Báo cáo tổng hợp</translation>
    </message>
    <message>
        <source>From {0} to {1}; units: {2}</source>
        <translation>Từ ngày {0} đến ngày {1}; đơn vị: {2}</translation>
    </message>
    <message>
        <source>Departures: {0}</source>
        <translation>Số người xuất cảnh: {0}</translation>
    </message>
    <message>
        <source> — of which illegal: {0}</source>
        <translation> — trong đó xuất cảnh trái phép: {0}</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Chỉ tiêu</translation>
    </message>
    <message>
        <source>Achieved</source>
        <translation>Đạt</translation>
    </message>
    <message>
        <source>Legal departures against the target: {0}/{1}, {2} % achieved</source>
        <translation>Xuất cảnh hợp pháp so với chỉ tiêu: {0}/{1}, đạt {2} %</translation>
    </message>
    <message>
        <source>Legal departures against target, by commune</source>
        <translation>Xuất cảnh hợp pháp so với chỉ tiêu, theo từng xã</translation>
    </message>
    <message>
        <source>Legal departures</source>
        <translation>Xuất cảnh hợp pháp</translation>
    </message>
    <message>
        <source>Legal departures per year against target</source>
        <translation>Xuất cảnh hợp pháp theo năm so với chỉ tiêu</translation>
    </message>
    <message>
        <source>By market</source>
        <translation>Theo thị trường</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>Thị trường</translation>
    </message>
    <message>
        <source>By programme</source>
        <translation>Theo chương trình</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>Chương trình</translation>
    </message>
    <message>
        <source>By gender</source>
        <translation>Theo giới tính</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <source>Policy groups</source>
        <translation>Thuộc các nhóm đối tượng chính sách</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Nhóm đối tượng</translation>
    </message>
    <message>
        <source>Abroad on {0}</source>
        <translation>Ở nước ngoài tính đến ngày {0}</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <source>Currently abroad</source>
        <translation>Đang ở nước ngoài</translation>
    </message>
    <message>
        <source>Absconded or overstaying</source>
        <translation>Bỏ trốn, cư trú bất hợp pháp</translation>
    </message>
    <message>
        <source>Absconding rate</source>
        <translation>Tỷ lệ bỏ trốn, cư trú bất hợp pháp</translation>
    </message>
    <message>
        <source>Returns: {0}</source>
        <translation>Số người về nước: {0}</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Returnees employment (latest follow-up)</source>
        <translation>Việc làm sau khi về nước (lần theo dõi gần nhất)</translation>
    </message>
    <message>
        <source>Employment</source>
        <translation>Việc làm</translation>
    </message>
    <message>
        <source>Average income: {0} VND a month ({1} people with an income recorded)</source>
        <translation>Thu nhập bình quân: {0} đồng/tháng (tính trên {1} người có ghi thu nhập)</translation>
    </message>
    <message>
        <source>Loans, clubs and outreach</source>
        <translation>Vay vốn, CLB gia đình và tư vấn</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Số lượng</translation>
    </message>
    <message>
        <source>Amount (VND)</source>
        <translation>Số tiền (đồng)</translation>
    </message>
    <message>
        <source>Loans from the Social Policy Bank</source>
        <translation>Vay Ngân hàng Chính sách xã hội</translation>
    </message>
    <message>
        <source>Loans from every source</source>
        <translation>Vay tất cả các nguồn</translation>
    </message>
    <message>
        <source>Club member households</source>
        <translation>Hộ thành viên CLB</translation>
    </message>
    <message>
        <source>Club meetings</source>
        <translation>Buổi sinh hoạt CLB</translation>
    </message>
    <message>
        <source>Households attending meetings</source>
        <translation>Lượt hộ dự sinh hoạt</translation>
    </message>
    <message>
        <source>Visits to families</source>
        <translation>Lượt thăm hỏi gia đình</translation>
    </message>
    <message>
        <source>Outreach sessions</source>
        <translation>Buổi tư vấn, tuyên truyền</translation>
    </message>
    <message>
        <source>Outreach attendance</source>
        <translation>Lượt người dự tư vấn</translation>
    </message>
    <message>
        <source>Save the summary report as PDF</source>
        <translation>Lưu báo cáo tổng hợp ra tệp PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Report saved: {0}</source>
        <translation>Đã lưu báo cáo: {0}</translation>
    </message>
    <message>
        <source>Export the list to Excel</source>
        <translation>Xuất danh sách ra Excel</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Sổ tính Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>{0} rows written to {1}</source>
        <translation>Đã ghi {0} dòng vào {1}</translation>
    </message>
    <message>
        <source>Choose your Excel template</source>
        <translation>Chọn tệp mẫu Excel của bạn</translation>
    </message>
    <message>
        <source>Save the filled template</source>
        <translation>Lưu mẫu đã điền</translation>
    </message>
    <message>
        <source>Choose another file name: the template itself must stay unchanged.</source>
        <translation>Hãy chọn tên tệp khác: tệp mẫu phải được giữ nguyên.</translation>
    </message>
    <message>
        <source>Template filled ({0} list rows): {1}</source>
        <translation>Đã điền mẫu ({0} dòng danh sách): {1}</translation>
    </message>
    <message>
        <source>Show a report first.</source>
        <translation>Hãy bấm Xem để lập báo cáo trước.</translation>
    </message>
</context>
<context>
    <name>ResidenceDialog</name>
    <message>
        <source>Residence notification — {name}</source>
        <translation>Khai báo cư trú — {name}</translation>
    </message>
    <message>
        <source>Returned on {date}.</source>
        <translation>Về nước ngày {date}.</translation>
    </message>
    <message>
        <source>Residence notified to the commune police</source>
        <translation>Đã khai báo cư trú với công an xã</translation>
    </message>
    <message>
        <source>Notified &amp;on:</source>
        <translation>Ngày &amp;khai báo:</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Return — {name}</source>
        <translation>Về nước — {name}</translation>
    </message>
    <message>
        <source>Correct the return — {name}</source>
        <translation>Sửa lần về nước — {name}</translation>
    </message>
    <message>
        <source>Departure of {date} to {market}.</source>
        <translation>Chuyến xuất cảnh ngày {date} đi {market}.</translation>
    </message>
    <message>
        <source>Contract expected to end on {date}.</source>
        <translation>Hợp đồng dự kiến kết thúc ngày {date}.</translation>
    </message>
    <message>
        <source>&amp;Returned on:</source>
        <translation>Ngày &amp;về nước:</translation>
    </message>
    <message>
        <source>R&amp;eason:</source>
        <translation>&amp;Lý do:</translation>
    </message>
    <message>
        <source>&amp;Timing:</source>
        <translation>&amp;Thời điểm về:</translation>
    </message>
    <message>
        <source>Residence notified to the commune police</source>
        <translation>Đã khai báo cư trú với công an xã</translation>
    </message>
    <message>
        <source>Notified &amp;on:</source>
        <translation>Ngày &amp;khai báo:</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Ghi chú:</translation>
    </message>
    <message>
        <source>Before the departure date ({date})</source>
        <translation>Trước ngày xuất cảnh ({date})</translation>
    </message>
    <message>
        <source>Automatic: {timing}</source>
        <translation>Tự động: {timing}</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Tự động</translation>
    </message>
    <message>
        <source>{days} days before the expected end ({date})</source>
        <translation>Trước ngày dự kiến kết thúc ({date}) {days} ngày</translation>
    </message>
    <message>
        <source>{days} days after the expected end ({date})</source>
        <translation>Sau ngày dự kiến kết thúc ({date}) {days} ngày</translation>
    </message>
    <message>
        <source>On the expected end ({date})</source>
        <translation>Đúng ngày dự kiến kết thúc ({date})</translation>
    </message>
    <message>
        <source>Before the return date</source>
        <translation>Trước ngày về nước</translation>
    </message>
    <message>
        <source>Notified {days} days after the return (the law asks for {limit} days)</source>
        <translation>Khai báo cư trú sau {days} ngày kể từ ngày về (luật quy định trong {limit} ngày)</translation>
    </message>
</context>
<context>
    <name>ReturnsPane</name>
    <message>
        <source>Returns</source>
        <translation>Về nước</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>Thị trường</translation>
    </message>
    <message>
        <source>Return date</source>
        <translation>Ngày về</translation>
    </message>
    <message>
        <source>Residence notified</source>
        <translation>Khai báo cư trú</translation>
    </message>
    <message>
        <source>Last follow-up</source>
        <translation>Theo dõi gần nhất</translation>
    </message>
    <message>
        <source>On time / early</source>
        <translation>Đúng/trước hạn</translation>
    </message>
    <message>
        <source>Return reason</source>
        <translation>Lý do về</translation>
    </message>
    <message>
        <source>Departure date</source>
        <translation>Ngày xuất cảnh</translation>
    </message>
    <message>
        <source>Not notified</source>
        <translation>Chưa khai báo</translation>
    </message>
    <message>
        <source>Notified</source>
        <translation>Đã khai báo</translation>
    </message>
    <message>
        <source>Not followed up yet</source>
        <translation>Chưa theo dõi</translation>
    </message>
    <message>
        <source>Only returns from the market {code}.</source>
        <translation>Chỉ người về từ thị trường {code}.</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>Mọi năm</translation>
    </message>
    <message>
        <source>All reasons</source>
        <translation>Mọi lý do</translation>
    </message>
    <message>
        <source>On time, early or late</source>
        <translation>Đúng hạn, trước hoặc sau hạn</translation>
    </message>
    <message>
        <source>Residence notified or not</source>
        <translation>Khai báo cư trú: tất cả</translation>
    </message>
    <message>
        <source>Residence not notified</source>
        <translation>Chưa khai báo cư trú</translation>
    </message>
    <message>
        <source>Followed up or not</source>
        <translation>Theo dõi sau về: tất cả</translation>
    </message>
    <message>
        <source>With follow-ups</source>
        <translation>Đã có theo dõi</translation>
    </message>
    <message>
        <source>Never followed up</source>
        <translation>Chưa theo dõi lần nào</translation>
    </message>
    <message>
        <source>1 return</source>
        <translation>1 lượt về nước</translation>
    </message>
    <message>
        <source>{n} returns</source>
        <translation>{n} lượt về nước</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>Yearly review — {name}</source>
        <translation>Rà soát hằng năm — {name}</translation>
    </message>
    <message>
        <source>&amp;Year:</source>
        <translation>&amp;Năm:</translation>
    </message>
    <message>
        <source>Reviewed &amp;on:</source>
        <translation>Ngày &amp;rà soát:</translation>
    </message>
    <message>
        <source>&amp;Classification:</source>
        <translation>&amp;Phân loại:</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(không)</translation>
    </message>
    <message>
        <source>Outreach &amp;group:</source>
        <translation>Nhóm &amp;vận động:</translation>
    </message>
    <message>
        <source>&amp;Wished market:</source>
        <translation>&amp;Thị trường mong muốn:</translation>
    </message>
    <message>
        <source>Counselled about working abroad</source>
        <translation>Đã được tư vấn về đi làm việc ở nước ngoài</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Ghi chú:</translation>
    </message>
    <message>
        <source>New review for {year}.</source>
        <translation>Rà soát mới cho năm {year}.</translation>
    </message>
    <message>
        <source>The review of {year} is already recorded: saving updates it.</source>
        <translation>Đã có kết quả rà soát năm {year}: lưu sẽ cập nhật kết quả đó.</translation>
    </message>
</context>
<context>
    <name>ReviewManyDialog</name>
    <message>
        <source>Yearly review of the chosen people</source>
        <translation>Rà soát hằng năm cho những người đã chọn</translation>
    </message>
    <message>
        <source>One review for the %1 people chosen. Those who already have a review of that year keep it.</source>
        <translation>Ghi một phiếu rà soát cho %1 người đã chọn. Ai đã có phiếu rà soát của năm đó thì giữ nguyên.</translation>
    </message>
</context>
<context>
    <name>ServerDialog</name>
    <message>
        <source>Database server</source>
        <translation>Máy chủ cơ sở dữ liệu</translation>
    </message>
    <message>
        <source>Several officers can work on one PostgreSQL database on the office network. Ask the server's administrator for its address (URL) and your password. The password is never saved: the program asks for it when it starts.</source>
        <translation>Nhiều cán bộ có thể cùng làm việc trên một cơ sở dữ liệu PostgreSQL trong mạng của cơ quan. Hãy hỏi người quản trị máy chủ địa chỉ (URL) và mật khẩu của bạn. Mật khẩu không bao giờ được lưu: chương trình hỏi mật khẩu mỗi khi khởi động.</translation>
    </message>
    <message>
        <source>Server &amp;address (URL):</source>
        <translation>&amp;Địa chỉ máy chủ (URL):</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Thử kết nối</translation>
    </message>
    <message>
        <source>&amp;Copy this database to the server…</source>
        <translation>&amp;Chép cơ sở dữ liệu này lên máy chủ…</translation>
    </message>
    <message>
        <source>&amp;Use this server from the next start</source>
        <translation>&amp;Dùng máy chủ này từ lần mở sau</translation>
    </message>
    <message>
        <source>Use the &amp;file on this PC again</source>
        <translation>Dùng lại &amp;tệp trên máy này</translation>
    </message>
    <message>
        <source>Type the server's address first, e.g. {example}</source>
        <translation>Hãy nhập địa chỉ máy chủ trước, ví dụ {example}</translation>
    </message>
    <message>
        <source>This is not a database address: {url}</source>
        <translation>Đây không phải là địa chỉ cơ sở dữ liệu: {url}</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Đang kết nối…</translation>
    </message>
    <message>
        <source>Copy every record and its history from {source} into {target}?

The server database must be empty; the records here are not changed.</source>
        <translation>Chép mọi hồ sơ cùng lịch sử thay đổi từ {source} sang {target}?

Cơ sở dữ liệu trên máy chủ phải còn trống; hồ sơ ở đây không bị thay đổi.</translation>
    </message>
    <message>
        <source>Copied {rows} rows in {seconds} s; the counts on both sides agree.</source>
        <translation>Đã chép {rows} dòng trong {seconds} giây; số dòng hai bên khớp nhau.</translation>
    </message>
    <message>
        <source>Copying…</source>
        <translation>Đang chép…</translation>
    </message>
    <message>
        <source>From the next start the program opens this server; it will ask for the password then. The password was not saved.</source>
        <translation>Từ lần mở sau, chương trình sẽ mở máy chủ này và hỏi mật khẩu khi đó. Mật khẩu không được lưu.</translation>
    </message>
    <message>
        <source>From the next start the program opens the database file on this PC.</source>
        <translation>Từ lần mở sau, chương trình mở tệp cơ sở dữ liệu trên máy này.</translation>
    </message>
</context>
<context>
    <name>ServiceForm</name>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Lưu</translation>
    </message>
    <message>
        <source>Please correct the fields marked in red.</source>
        <translation>Hãy sửa các ô có thông báo màu đỏ.</translation>
    </message>
</context>
<context>
    <name>SessionController</name>
    <message>
        <source>User: {who}</source>
        <translation>Người dùng: {who}</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Đăng xuất</translation>
    </message>
    <message>
        <source>Open forms will be closed and what was typed in them will be lost. Log out?</source>
        <translation>Các biểu mẫu đang mở sẽ bị đóng và những gì đã nhập trong đó sẽ mất. Đăng xuất?</translation>
    </message>
    <message>
        <source>Logged out.</source>
        <translation>Đã đăng xuất.</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>Đăng &amp;xuất</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>Khóa &amp;phiên</translation>
    </message>
</context>
<context>
    <name>SessionLock</name>
    <message>
        <source>Locked. {who} can unlock with their password.</source>
        <translation>Đã khóa. {who} mở khóa bằng mật khẩu của mình.</translation>
    </message>
</context>
<context>
    <name>SessionsModel</name>
    <message>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Địa điểm</translation>
    </message>
    <message>
        <source>Organiser</source>
        <translation>Đơn vị tổ chức</translation>
    </message>
    <message>
        <source>Attending (registered)</source>
        <translation>Người dự (có hồ sơ)</translation>
    </message>
</context>
<context>
    <name>SettingsPane</name>
    <message>
        <source>Settings</source>
        <extracomment>columns of the users table</extracomment>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>No database is open.</source>
        <translation>Chưa mở cơ sở dữ liệu nào.</translation>
    </message>
    <message>
        <source>Not chosen yet</source>
        <translation>Chưa chọn</translation>
    </message>
    <message>
        <source>No accounts yet</source>
        <translation>Chưa có tài khoản nào</translation>
    </message>
    <message>
        <source>Anyone using this PC can see and change every record. Create the administrator account to ask for a user name and password when the program opens.</source>
        <translation>Ai dùng máy này cũng xem và sửa được mọi hồ sơ. Hãy tạo tài khoản quản trị để chương trình hỏi tên đăng nhập và mật khẩu khi mở.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>có</translation>
    </message>
    <message>
        <source>no</source>
        <translation>không</translation>
    </message>
    <message>
        <source>None yet.</source>
        <translation>Chưa có bản nào.</translation>
    </message>
    <message>
        <source>before an import</source>
        <translation>trước khi nhập</translation>
    </message>
    <message>
        <source>before a restore</source>
        <translation>trước khi khôi phục</translation>
    </message>
    <message>
        <source>of the day</source>
        <translation>hằng ngày</translation>
    </message>
    <message>
        <source>the newest of {when} ({kind}, {size}); {count} copies in all, {total}.</source>
        <translation>bản mới nhất lúc {when} ({kind}, {size}); tất cả {count} bản, {total}.</translation>
    </message>
    <message>
        <source>{free} free on the disk.</source>
        <translation>Ổ đĩa còn trống {free}.</translation>
    </message>
    <message>
        <source>Today's automatic backup could not be made: {why}</source>
        <translation>Hôm nay chưa sao lưu tự động được: {why}</translation>
    </message>
    <message>
        <source>The newest automatic backup is {days} days old. Back up now, and check the disk.</source>
        <translation>Bản sao lưu tự động mới nhất đã cũ {days} ngày. Hãy sao lưu ngay và kiểm tra ổ đĩa.</translation>
    </message>
    <message>
        <source>Only {free} is free on the disk; the next automatic backup needs about {needed}. The oldest copies are removed to make room while they can be: free some space on the disk.</source>
        <translation>Ổ đĩa chỉ còn trống {free}; lần sao lưu tự động tới cần khoảng {needed}. Chương trình sẽ xóa các bản cũ nhất để lấy chỗ khi còn có thể: hãy giải phóng bớt ổ đĩa.</translation>
    </message>
    <message>
        <source>The password was changed.</source>
        <translation>Đã đổi mật khẩu.</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Cơ sở dữ liệu</translation>
    </message>
    <message>
        <source>Location:</source>
        <translation>Vị trí:</translation>
    </message>
    <message>
        <source>Schema revision:</source>
        <translation>Phiên bản lược đồ:</translation>
    </message>
    <message>
        <source>Database &amp;server…</source>
        <translation>&amp;Máy chủ cơ sở dữ liệu…</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>Giao diện</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Ngôn ngữ:</translation>
    </message>
    <message>
        <source>Your unit</source>
        <translation>Đơn vị của tôi</translation>
    </message>
    <message>
        <source>Commune / ward:</source>
        <translation>Xã / phường:</translation>
    </message>
    <message>
        <source>Issuing unit:</source>
        <translation>Đơn vị ban hành:</translation>
    </message>
    <message>
        <source>C&amp;hange…</source>
        <translation>&amp;Đổi…</translation>
    </message>
    <message>
        <source>&amp;Targets per commune…</source>
        <translation>&amp;Chỉ tiêu các xã/phường…</translation>
    </message>
    <message>
        <source>&amp;Hamlets…</source>
        <translation>Ấp/&amp;thôn…</translation>
    </message>
    <message>
        <source>Kept in the database. New records are marked with this unit; reports are issued in its name.</source>
        <translation>Lưu trong cơ sở dữ liệu. Hồ sơ mới được ghi là của đơn vị này; báo cáo ban hành dưới tên đơn vị này.</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Sao lưu</translation>
    </message>
    <message>
        <source>&amp;Back up now…</source>
        <translation>&amp;Sao lưu ngay…</translation>
    </message>
    <message>
        <source>&amp;Restore from a backup…</source>
        <translation>&amp;Khôi phục từ bản sao lưu…</translation>
    </message>
    <message>
        <source>The program also backs up the database by itself once a day and before every import, and keeps those copies for the number of days below.</source>
        <translation>Chương trình còn tự sao lưu cơ sở dữ liệu mỗi ngày một lần và trước mỗi lần nhập dữ liệu, và giữ các bản sao đó trong số ngày dưới đây.</translation>
    </message>
    <message>
        <source>&amp;Keep backups (days):</source>
        <translation>&amp;Giữ bản sao lưu (ngày):</translation>
    </message>
    <message>
        <source>Automatic backups:</source>
        <translation>Sao lưu tự động:</translation>
    </message>
    <message>
        <source>&amp;Open the backups folder</source>
        <translation>&amp;Mở thư mục sao lưu</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Tài khoản</translation>
    </message>
    <message>
        <source>Logged in:</source>
        <translation>Đang đăng nhập:</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <source>Club</source>
        <translation>Câu lạc bộ</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>Đang dùng</translation>
    </message>
    <message>
        <source>&amp;Add user…</source>
        <translation>&amp;Thêm người dùng…</translation>
    </message>
    <message>
        <source>&amp;Change…</source>
        <translation>&amp;Sửa…</translation>
    </message>
    <message>
        <source>Set a &amp;new password…</source>
        <translation>Đặt mật khẩu &amp;mới…</translation>
    </message>
    <message>
        <source>Change &amp;my password…</source>
        <translation>Đổi mật khẩu của &amp;tôi…</translation>
    </message>
    <message>
        <source>Create the &amp;administrator account…</source>
        <translation>Tạo tài khoản &amp;quản trị…</translation>
    </message>
    <message>
        <source>&amp;Lock after idle (minutes):</source>
        <translation>&amp;Khóa khi không dùng (phút):</translation>
    </message>
</context>
<context>
    <name>StatusAbroadDialog</name>
    <message>
        <source>Status abroad — {name}</source>
        <translation>Tình trạng ở nước ngoài — {name}</translation>
    </message>
    <message>
        <source>Departure of {date} to {market}.</source>
        <translation>Chuyến xuất cảnh ngày {date} đi {market}.</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>T&amp;rạng thái:</translation>
    </message>
    <message>
        <source>&amp;Known since:</source>
        <translation>&amp;Biết từ ngày:</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Ghi chú:</translation>
    </message>
    <message>
        <source>Before the departure date ({date})</source>
        <translation>Trước ngày xuất cảnh ({date})</translation>
    </message>
</context>
<context>
    <name>StatusChangeDialog</name>
    <message>
        <source>Register to work abroad — {name}</source>
        <translation>Đăng ký đi làm việc ở nước ngoài — {name}</translation>
    </message>
    <message>
        <source>Start of training — {name}</source>
        <translation>Bắt đầu đào tạo — {name}</translation>
    </message>
    <message>
        <source>Withdrawal — {name}</source>
        <translation>Rút hồ sơ — {name}</translation>
    </message>
    <message>
        <source>Death — {name}</source>
        <translation>Qua đời — {name}</translation>
    </message>
    <message>
        <source>Missing — {name}</source>
        <translation>Mất tích — {name}</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Ngày:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Lý do:</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Ghi chú:</translation>
    </message>
</context>
<context>
    <name>TargetsDialog</name>
    <message>
        <source>Targets</source>
        <translation>Chỉ tiêu</translation>
    </message>
    <message>
        <source>&amp;Year:</source>
        <translation>&amp;Năm:</translation>
    </message>
    <message>
        <source>Show every commune of the province</source>
        <translation>Hiện mọi xã/phường của tỉnh</translation>
    </message>
    <message>
        <source>Type the number of workers each commune plans to send abroad this year; empty or 0 means no target. "Departed (legal)" counts the legal departures of people registered in the commune (former communes merged into it included).</source>
        <translation>Nhập số lao động mỗi xã/phường dự kiến đưa đi trong năm; để trống hoặc 0 là không giao chỉ tiêu. Cột "Đã xuất cảnh (hợp pháp)" đếm các lượt xuất cảnh hợp pháp của người đăng ký ở xã/phường đó (kể cả các xã cũ đã sáp nhập vào).</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Lưu</translation>
    </message>
    <message>
        <source>No target set for {year}.</source>
        <translation>Chưa giao chỉ tiêu năm {year}.</translation>
    </message>
    <message>
        <source>Communes with a target: {done}/{target} workers, {percent} % achieved</source>
        <translation>Các xã/phường có chỉ tiêu: {done}/{target} lao động, đạt {percent} %</translation>
    </message>
    <message>
        <source>Unsaved targets</source>
        <translation>Chỉ tiêu chưa lưu</translation>
    </message>
    <message>
        <source>The targets of {year} were changed and not saved. Save them?</source>
        <translation>Chỉ tiêu năm {year} đã sửa nhưng chưa lưu. Lưu lại không?</translation>
    </message>
</context>
<context>
    <name>TargetsModel</name>
    <message>
        <source>Commune / ward</source>
        <translation>Xã / phường</translation>
    </message>
    <message>
        <source>Target (workers)</source>
        <translation>Chỉ tiêu (lao động)</translation>
    </message>
    <message>
        <source>Departed (legal)</source>
        <translation>Đã xuất cảnh (hợp pháp)</translation>
    </message>
    <message>
        <source>Achieved</source>
        <translation>Đạt</translation>
    </message>
    <message>
        <source>{name} (before 07/2025)</source>
        <translation>{name} (trước 07/2025)</translation>
    </message>
</context>
<context>
    <name>UnitDialog</name>
    <message>
        <source>Your unit</source>
        <translation>Đơn vị của tôi</translation>
    </message>
    <message>
        <source>Choose the commune (or ward) whose records this database keeps. New records are marked with it, and reports are issued in its name.</source>
        <translation>Chọn xã (hoặc phường) có hồ sơ lưu trong cơ sở dữ liệu này. Hồ sơ mới được ghi là của đơn vị này, và báo cáo ban hành dưới tên đơn vị này.</translation>
    </message>
    <message>
        <source>&amp;Province:</source>
        <translation>&amp;Tỉnh/thành phố:</translation>
    </message>
    <message>
        <source>&amp;Commune / ward:</source>
        <translation>&amp;Xã/phường:</translation>
    </message>
    <message>
        <source>&amp;Issuing unit (report heading):</source>
        <translation>Đơn vị &amp;ban hành (đầu báo cáo):</translation>
    </message>
    <message>
        <source>People's Committee of {unit}</source>
        <translation>UBND {unit}</translation>
    </message>
    <message>
        <source>Choose a commune or ward from the list.</source>
        <translation>Hãy chọn một xã, phường trong danh sách.</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Session locked</source>
        <extracomment>the idle check runs at most this often (the lock comes at most this late)</extracomment>
        <translation>Phiên làm việc đã khóa</translation>
    </message>
    <message>
        <source>The session was locked. {who}, enter your password to go on where you left off.</source>
        <translation>Phiên làm việc đã khóa. {who}, hãy nhập mật khẩu để làm tiếp từ chỗ đang dừng.</translation>
    </message>
    <message>
        <source>&amp;Show password</source>
        <translation>&amp;Hiện mật khẩu</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Mở khóa</translation>
    </message>
    <message>
        <source>S&amp;witch user…</source>
        <translation>Đổi &amp;người dùng…</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Hãy nhập mật khẩu.</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <source>Edit visit</source>
        <translation>Sửa lần thăm</translation>
    </message>
    <message>
        <source>New visit to a family</source>
        <translation>Ghi lần thăm gia đình</translation>
    </message>
    <message>
        <source>&amp;Household:</source>
        <translation>&amp;Hộ:</translation>
    </message>
    <message>
        <source>&amp;Date of visit:</source>
        <translation>&amp;Ngày thăm:</translation>
    </message>
    <message>
        <source>&amp;Visited by:</source>
        <translation>Người đi thă&amp;m:</translation>
    </message>
    <message>
        <source>&amp;Issues raised:</source>
        <translation>&amp;Vấn đề gia đình nêu:</translation>
    </message>
    <message>
        <source>&amp;Follow-up:</source>
        <translation>Việc cần làm &amp;tiếp:</translation>
    </message>
    <message>
        <source>Follow-up &amp;done on:</source>
        <translation>Đã giải &amp;quyết ngày:</translation>
    </message>
    <message>
        <source>{leader} (club leader)</source>
        <translation>{leader} (Chủ nhiệm CLB)</translation>
    </message>
    <message>
        <source>Enter the day of the visit</source>
        <translation>Hãy nhập ngày thăm</translation>
    </message>
    <message>
        <source>Enter who visited</source>
        <translation>Hãy nhập người đi thăm</translation>
    </message>
    <message>
        <source>Choose a household from the list</source>
        <translation>Hãy chọn một hộ trong danh sách</translation>
    </message>
</context>
<context>
    <name>controller</name>
    <message>
        <source>The database file is damaged</source>
        <translation>Tệp cơ sở dữ liệu bị hỏng</translation>
    </message>
    <message>
        <source>No good backup can be offered. Do not add records; ask for help.</source>
        <translation>Không có bản sao lưu tốt nào để khôi phục. Đừng nhập thêm hồ sơ; hãy nhờ cán bộ kỹ thuật giúp đỡ.</translation>
    </message>
    <message>
        <source>Restore the newest good backup, of {date} ({counts})?</source>
        <translation>Khôi phục bản sao lưu tốt gần nhất, lúc {date} ({counts})?</translation>
    </message>
</context>
<context>
    <name>wizard</name>
    <message>
        <source>Imported %1 people, updated %2.</source>
        <translation>Đã nhập %1 người, cập nhật %2 người.</translation>
    </message>
</context>
</TS>
