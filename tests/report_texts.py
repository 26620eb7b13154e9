"""Short reports shared by several test files (one home for each text)."""

# Two fixable defects (a doubled word, a spaced symbol) and a doubled phrase: --fix, --diff, suppressions.
FIXABLE_REPORT = """UBND TỈNH BẮC GIANG
BAN DÂN TỘC

Số: 15/BC-BDT

Bắc Giang, ngày 15 tháng 12 năm 2023

BÁO CÁO
Kết quả công tác dân vận năm 2023

I. KẾT QUẢ ĐẠT ĐƯỢC

Ban đã đã tổ chức hội nghị quán triệt Kết luận số 01- KL/TW ngày 18/5/2021 của Ban Bí thư.
Ban đã ban hành Kế hoạch số 12/KH-BDT ngày 10/01/2023 về công tác công tác dân vận.

Nơi nhận:
- UBND tỉnh;
- Lưu: VT.

TRƯỞNG BAN

Nguyễn Văn A
"""

# The smallest full report with a doubled word and a spaced symbol: CLI, batch and reporter tests.
SHORT_REPORT = """UBND TỈNH BẮC GIANG
BAN DÂN TỘC

Số: 15/BC-BDT

Bắc Giang, ngày 15 tháng 12 năm 2023

BÁO CÁO
Kết quả công tác dân vận năm 2023

Ban đã đã tổ chức hội nghị quán triệt Kết luận số 01- KL/TW ngày 18/5/2021 của Ban Bí thư.

Nơi nhận:
- Lưu: VT.

TRƯỞNG BAN

Nguyễn Văn A
"""
