"""Sizes of the parts of a report that rules look in, named once with the reason for each figure.

A report's parts sit in known places: its header in the first lines, its opening paragraph (the
request it answers, the province it is about) in the first few thousand characters. Searching only
there keeps a rule from taking a figure or a name of the body for one of the header, and keeps it fast
on long reports. The figures come from the seeds and the corpus: each is comfortably larger than where
the part ends in every report read, and small enough to stop before the body's own dates and names.
"""

from __future__ import annotations

# The header block (issuer, "Số" line, motto, date line, type and title) ends within the first 40 lines
# of every report seen, even with the motto and the issuer on separate lines and blank lines between.
HEADER_LINES = 40

# The request a report answers ("Thực hiện Công văn số … của Sở Nội vụ") is cited in its opening: title
# and first paragraph fit in 3,000 characters; the kind of body (state or Party) is read from there.
REQUEST_CHARS = 3_000

# The province a report is about is named in its issuer, date line or opening paragraph: 4,000
# characters (the request above plus the first section heading).
PROVINCE_CHARS = 4_000

# The request with the reporting year ("… báo cáo kết quả … năm 2023") may come after a long preamble of
# grounds (căn cứ): 6,000 characters cover the longest preamble seen.
REQUEST_YEAR_CHARS = 6_000
