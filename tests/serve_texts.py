"""Reports written for the tests of `serve` and `annotate` (own words; only the shapes of real ones)."""

from __future__ import annotations

# A self-scoring report with a score over its cap (DG), a doubled word (info) and a citation with a
# stray space in its symbol; six score rows plus a header and a total.
SCORED = """UBND TỈNH BẮC GIANG
SỞ THỬ NGHIỆM

Số: 21/BC-STN

Bắc Giang, ngày 12 tháng 12 năm 2023

BÁO CÁO
Kết quả tự chấm điểm công tác dân vận chính quyền năm 2023

Sở đã đã tổ chức hội nghị phổ biến Kết luận số 07- KL/TW ngày 10/6/2021 của Ban Bí thư.

BẢNG TỰ CHẤM ĐIỂM
TT\tNội dung\tĐiểm chuẩn\tĐiểm tự chấm
1\tTiêu chí 1\t10\t10
Nội dung 1\tPhổ biến các văn bản\t5\t6
Nội dung 2\tBan hành quy chế\t5\t4
2\tTiêu chí 2\t10\t8
Nội dung 1\tThực hiện quy chế\t10\t8
\tTổng cộng\t20\t18

Tổng số điểm tự chấm: 18 điểm.

Nơi nhận:
- Lưu: VT.

GIÁM ĐỐC

Trần Thị B
"""

# A short report without a score table, with a doubled word only.
PLAIN = """UBND HUYỆN THỬ
PHÒNG NỘI VỤ

Số: 05/BC-PNV

Thử, ngày 02 tháng 3 năm 2024

BÁO CÁO
Tình hình thực hiện nhiệm vụ quý I năm 2024

Phòng đã tham mưu ban hành kế hoạch kế hoạch cải cách hành chính năm 2024.

Nơi nhận:
- Lưu: VT.

TRƯỞNG PHÒNG

Lê Văn C
"""
