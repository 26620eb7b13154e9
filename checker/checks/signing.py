"""A PDF's digital signatures (ký số) against the document's own date (structure: `provenance.py`)."""

from __future__ import annotations

from collections.abc import Iterator

from checker.context import Context
from checker.engine import Hit, rule


@rule(
    "NG020",
    name="signed-before-dated",
    severity="warning",
    summary_vi="Chữ ký số có thời điểm ký trước ngày ghi trên văn bản",
    summary_en="A digital signature was made before the date written on the document",
    message_vi="Văn bản ghi ngày {date} nhưng chữ ký số của {signer} ký ngày {signed}; kiểm tra lại ngày ban hành",
    message_en="The document is dated {date} but {signer}'s digital signature was made on {signed}",
    explanation="""
Văn bản điện tử được ký số khi ban hành (Nghị định 30/2020/NĐ-CP, Điều 12–13): ngày ghi trên văn bản là
ngày ban hành, nên chữ ký số không thể có trước ngày đó. Chữ ký số có thời điểm ký (signing time) sớm hơn
ngày ghi ở dòng địa danh, ngày tháng thường do văn bản được sửa ngày sau khi ký, hoặc do ký nhầm bản dự
thảo. Thời điểm ký được đọc từ chữ ký (theo giờ Việt Nam, UTC+7); chữ ký không được kiểm tra về mật mã.
""",
    bad="Quảng Bình, ngày 05 tháng 10 năm 2022 … (chữ ký số của người ký: ký ngày 03/10/2022)",
    good="Quảng Bình, ngày 03 tháng 10 năm 2022 … (chữ ký số của người ký: ký ngày 03/10/2022)",
)
def check_signed_before_date(ctx: Context) -> Iterator[Hit]:
    signatures = getattr(ctx.src, "signatures", None) or []
    line = ctx.doc.header.date_line
    if not signatures or line is None or line.date is None:
        return
    for sig in signatures:
        signed = sig.local_date
        if signed is not None and signed < line.date:
            yield Hit(
                line.start,
                line.end,
                {
                    "date": line.date.strftime("%d/%m/%Y"),
                    "signer": sig.signer or "người ký",
                    "signed": signed.strftime("%d/%m/%Y"),
                },
            )
            return  # one finding for the date line: the earliest signature is enough to check


# The rules of this module: the engine registers exactly these (checker/categories.py names the module).
RULES = [
    check_signed_before_date,  # NG020
]
