<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>CrashHandler</name>
    <message>
        <source>An unexpected error occurred. Your saved data are safe; what you were doing may not have been saved.

The details were written to {log}. Please send that file, or the details below, to whoever supports the program.</source>
        <translation>Đã xảy ra một lỗi ngoài dự kiến. Dữ liệu đã lưu vẫn an toàn; thao tác đang làm có thể chưa được lưu.

Chi tiết lỗi đã được ghi vào {log}. Xin gửi tệp đó, hoặc phần chi tiết bên dưới, cho người hỗ trợ chương trình.</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>Lỗi ngoài dự kiến</translation>
    </message>
</context>
<context>
    <name>DeparturesPane</name>
    <message>
        <source>Departures</source>
        <translation>Xuất cảnh</translation>
    </message>
    <message>
        <source>This part comes in a later version: recording departures (market, programme, placement company, contract term, deposit, loans and support received) and the list of contracts ending in the next 90 days.</source>
        <translation>Phần này sẽ có trong bản sau: ghi nhận xuất cảnh (thị trường, chương trình, doanh nghiệp dịch vụ, thời hạn hợp đồng, tiền ký quỹ, vay vốn và các khoản hỗ trợ đã nhận) và danh sách hợp đồng sắp hết hạn trong 90 ngày tới.</translation>
    </message>
</context>
<context>
    <name>HouseholdsPane</name>
    <message>
        <source>Households &amp; club</source>
        <translation>Hộ gia đình &amp; CLB</translation>
    </message>
    <message>
        <source>This part comes in a later version: households with their members and each member&apos;s relationship to the head, poverty status, and the club of families with workers abroad — member families, meetings and visits to families.</source>
        <translation>Phần này sẽ có trong bản sau: hộ gia đình với các thành viên và quan hệ của từng người với chủ hộ, tình trạng hộ nghèo, cận nghèo, và Câu lạc bộ gia đình có người đi lao động ở nước ngoài — các hộ thành viên, các buổi sinh hoạt và các lần thăm hộ.</translation>
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
    <name>OverviewPane</name>
    <message>
        <source>Overview</source>
        <translation>Tổng quan</translation>
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
        <translation>Đang mở cơ sở dữ liệu…</translation>
    </message>
    <message>
        <source>The database could not be opened. Use File › Open another database… to choose one.</source>
        <translation>Chưa mở được cơ sở dữ liệu. Hãy chọn Tệp › Mở cơ sở dữ liệu khác… để mở một tệp khác.</translation>
    </message>
</context>
<context>
    <name>PeoplePane</name>
    <message>
        <source>Workers</source>
        <translation>Người lao động</translation>
    </message>
    <message>
        <source>This part comes in a later version: the list of workers with search by name (with or without diacritics), CCCD or phone number, filters by hamlet and status, and a form to add and edit a person that checks the CCCD against gender and year of birth, and the phone number.</source>
        <translation>Phần này sẽ có trong bản sau: danh sách người lao động, tìm theo tên (có dấu hay không dấu), CCCD hoặc số điện thoại, lọc theo ấp/thôn và trạng thái, cùng biểu mẫu thêm và sửa hồ sơ có đối chiếu CCCD với giới tính, năm sinh và kiểm tra số điện thoại.</translation>
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
    <name>ReportsPane</name>
    <message>
        <source>Reports</source>
        <translation>Báo cáo</translation>
    </message>
    <message>
        <source>This part comes in a later version: summaries for a period against the yearly target, by market, programme and policy group, printed to PDF with the national heading and a signature block, and lists exported to Excel.</source>
        <translation>Phần này sẽ có trong bản sau: báo cáo tổng hợp theo kỳ so với chỉ tiêu năm, theo thị trường, chương trình và đối tượng chính sách, in ra PDF có quốc hiệu, tiêu ngữ và phần chữ ký, cùng các danh sách xuất ra Excel.</translation>
    </message>
</context>
<context>
    <name>ReturnsPane</name>
    <message>
        <source>Returns</source>
        <translation>Về nước</translation>
    </message>
    <message>
        <source>This part comes in a later version: recording returns (on time, or early and why), the residence notification due within 15 days, and follow-ups of returnees&apos; jobs, income and support needs.</source>
        <translation>Phần này sẽ có trong bản sau: ghi nhận về nước (đúng hạn, hay trước hạn và lý do), việc khai báo cư trú trong vòng 15 ngày, và theo dõi việc làm, thu nhập, nhu cầu hỗ trợ của người lao động sau khi về nước.</translation>
    </message>
</context>
<context>
    <name>SettingsPane</name>
    <message>
        <source>Settings</source>
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
        <source>Kept in the database. New records are marked with this unit; reports are issued in its name.</source>
        <translation>Lưu trong cơ sở dữ liệu. Hồ sơ mới được ghi là của đơn vị này; báo cáo ban hành dưới tên đơn vị này.</translation>
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
        <source>People&apos;s Committee of {unit}</source>
        <translation>UBND {unit}</translation>
    </message>
    <message>
        <source>Choose a commune or ward from the list.</source>
        <translation>Hãy chọn một xã, phường trong danh sách.</translation>
    </message>
</context>
</TS>
