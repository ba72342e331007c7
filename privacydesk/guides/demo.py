"""Demo FAQ of the five reference desks (../shared/DOMAIN.md): their real procedures, fictional details."""

from privacydesk.organizations.models import Organization

from .models import FaqEntry

# (question_ja, answer_ja, question_en, answer_en); an empty pair shows the other language with a note.
COMMON = {
    "agent": (
        "家族や代理人が代わりに請求できますか。",
        "できます。任意代理人の場合はご本人が署名した委任状と代理人ご自身の本人確認書類を、法定代理人（未成年者の親権者、成年後見人）の場合は戸籍謄本など関係を証明する書類と代理人ご自身の本人確認書類をお送りください。",
        "Can a family member or an agent make the request for me?",
        "Yes. An appointed agent sends a power of attorney signed by you and their own identity document; a legal representative (parent of a minor, guardian) sends a document proving the relationship, such as a certified copy of the family register, and their own identity document.",
    ),
    "my_number": (
        "マイナンバーカードを本人確認書類として使えますか。",
        "使えます。表面のコピーのみをお送りください。個人番号（マイナンバー）が記載された裏面は送らないでください。健康保険証や資格確認書を使う場合は、保険者番号と記号・番号を隠してからお送りください。",
        "Can I use my My Number card as an identity document?",
        "Yes. Send a copy of the front only; never send the back with your Individual Number. If you use a health insurance card or an eligibility certificate, mask the insurer number and the symbol and number first.",
    ),
}

DESK_ENTRIES = {
    "toto-voicenet": [
        (
            "開示の請求に手数料はかかりますか。",
            "開示のご請求には、ご契約1件につき1,000円（税込）の手数料をいただきます。銀行振込または窓口での現金でお支払いください。特別な作業を要する場合は、別途手数料をいただくことがあります。",
            "Is there a fee for a disclosure request?",
            "Yes: 1,000 yen (tax included) per contract, paid by bank transfer or in cash at the desk. A separate fee may be charged for cases that need extra work.",
        ),
        (
            "書面で請求するときは、決まった様式がありますか。",
            "様式は自由です。ご契約の請求日、電話番号、FAX番号を明記のうえ、本社へのご来訪、FAXまたは郵送でお送りください。このサイトの印刷用請求書もお使いいただけます。",
            "Is there a set form for a written request?",
            "No, any form will do. State the billing date, telephone number and FAX number of the contract, and bring it to our head office, send it by FAX or post it. You can also use the printable request form on this site.",
        ),
        (
            "本人確認はどのように行いますか。",
            "お客様の記録と照合します。ご契約の請求日、電話番号、FAX番号をお知らせください。",
            "How do you confirm my identity?",
            "We check what you tell us against our records: the billing date, telephone number and FAX number of the contract.",
        ),
        (
            "問い合わせのために伝えた個人情報はどうなりますか。",
            "お問い合わせへの回答が完了した後、そのために取得した個人情報はシステムから削除します。",
            "What happens to the personal information I give in an inquiry?",
            "Once your inquiry has been fully answered, the personal information collected for it is deleted from our system.",
        ),
        COMMON["agent"],
    ],
    "hokushin-cluster": [
        (
            "問い合わせで伝えた個人情報は何に使われますか。",
            "お問い合わせへの回答にのみ利用します。",
            "What is the information in my inquiry used for?",
            "Only to answer your inquiry.",
        ),
        (
            "開示にはどのくらい時間がかかりますか。",
            "開示のご請求には速やかにお応えします。目安はこのサイトの手続きガイドをご覧ください。",
            "How long does a disclosure take?",
            "We answer disclosure requests immediately. The procedure guide on this site shows our usual times.",
        ),
        (
            "手数料はかかりますか。",
            "手数料はいただいておりません。",
            "Is there a fee?",
            "No, we charge no fee.",
        ),
        (
            "家族の情報について請求できますか。",
            "ご請求いただけるのは、ご自身の情報のみです。ご家族の情報については、ご本人または代理人からご請求ください。",
            "Can I ask about a family member's data?",
            "You can ask only about your own data. For a family member's data, the person or their agent must make the request.",
        ),
        (
            "このサイトはクッキーを使いますか。",
            "手続きに必要なクッキー（セッション、CSRF対策、言語の選択）のみを使います。詳しくはページ下部の「クッキーとブラウザに保存する情報」をご覧ください。",
            "Does this site use cookies?",
            "Only the cookies the forms need (session, CSRF protection and your language choice). See “Cookies and what we store in your browser” at the bottom of each page.",
        ),
    ],
    "minato-line": [
        (
            "開示の手数料はいくらですか。",
            "1回線につき1,000円（税込）です。銀行振込または定額小為替でお支払いください。通常と異なる方法でのご請求には、別途手数料がかかる場合があります。",
            "How much is the fee for a disclosure?",
            "1,000 yen (tax included) per subscriber line, paid by bank transfer or postal money order. An extra fee may apply if you ask for an irregular method.",
        ),
        (
            "電話での受付時間を教えてください。",
            "カスタマーサービスセンターは平日10:00〜17:00に受け付けています。祝日と年末年始は休業です。",
            "When can I call the desk?",
            "The Customer Service Center answers on weekdays from 10:00 to 17:00. It is closed on national holidays and at the year-end and new-year holidays.",
        ),
        (
            "電話の内容は録音されますか。",
            "品質向上のため、お電話の内容を録音させていただく場合があります。",
            "Are calls recorded?",
            "Calls may be recorded to improve our service.",
        ),
        (
            "どの本人確認書類を送ればよいですか。",
            "運転免許証、パスポート、マイナンバーカード（表面のみ）、健康保険証（番号を隠したもの）、在留カードのいずれか1点のコピーをお送りください。",
            "Which identity document should I send?",
            "A copy of one of: driving licence, passport, My Number card (front only), health insurance card (numbers masked), residence card.",
        ),
        COMMON["my_number"],
    ],
    "lumina-web": [
        (
            "EU在住ですが、GDPRに基づく請求はできますか。",
            "できます。アクセス、訂正、消去、処理の制限、データポータビリティ、異議の各権利をこのサイトから行使できます。原則として受領から1か月以内にお答えし、監督機関に苦情を申し立てることもできます。",
            "I live in the EU. Can I make a request under the GDPR?",
            "Yes. You can exercise your rights of access, rectification, erasure, restriction, portability and objection on this site. We answer within one month of receipt as a rule, and you may also complain to a supervisory authority.",
        ),
        (
            "本人確認はどのように行いますか。",
            "ご登録のアカウント（ログインID）とメールアドレスで確認します。",
            "How do you confirm my identity?",
            "Through your registered account (login ID) and e-mail address.",
        ),
        (
            "回答はどのように届きますか。",
            "回答は、専用の確認ページからダウンロードいただけます。準備ができましたら、メールでお知らせします。",
            "How will I receive the answer?",
            "You download it from your tracking page; we e-mail you when it is ready.",
        ),
        (
            "手数料はかかりますか。",
            "手数料はいただいておりません。",
            "Is there a fee?",
            "No, we charge no fee.",
        ),
    ],
    "aoba-cloud": [
        (
            "開示等の請求はどのように行えばよいですか。",
            "①当窓口へメールでご連絡ください。②所定の書式をメールでお送りします。③ご記入のうえ、必要書類とともに当窓口宛に郵送してください。このサイトのフォームからもご請求いただけます。",
            "",
            "",
        ),
        (
            "本人確認のために何が必要ですか。",
            "当社が保有する2項目程度（電話番号・生年月日など）を確認します。重要な情報の場合は、運転免許証、パスポート、住民基本台帳カード、健康保険証などの写しをお願いすることがあります。",
            "What do you need to confirm my identity?",
            "We check about two items we already hold (such as your telephone number and date of birth). For important data we may ask for a copy of a driving licence, passport, residents' basic register card, health insurance card or another official document.",
        ),
        (
            "回答はどのように届きますか。",
            "ご請求書面に記載のご住所宛に、封書で郵送します。",
            "How will I receive the answer?",
            "In writing, by sealed letter to the address on your request.",
        ),
        (
            "プライバシーポリシーが変更されたらどうなりますか。",
            "変更は附則として掲載します。変更後もサービスをご利用いただいた場合は、変更に同意いただいたものとみなします。",
            "",
            "",
        ),
        COMMON["agent"],
    ],
}


def _generic(organization: Organization) -> list[tuple[str, str, str, str]]:
    return [COMMON["agent"], COMMON["my_number"]]


def demo_faq_create(organization: Organization) -> int:
    """Add the desk's demo FAQ entries that are not there yet (matched on the question). Safe to run twice."""
    entries = DESK_ENTRIES.get(organization.slug) or _generic(organization)
    existing = set(FaqEntry.objects.filter(organization=organization).values_list("question_ja", "question_en"))
    added = 0
    start = FaqEntry.objects.filter(organization=organization).count()
    for question_ja, answer_ja, question_en, answer_en in entries:
        if (question_ja, question_en) in existing:
            continue
        FaqEntry.objects.create(
            organization=organization,
            question_ja=question_ja,
            answer_ja=answer_ja,
            question_en=question_en,
            answer_en=answer_en,
            order=start + added,
        )
        added += 1
    return added
