"""Demo privacy policies of the five reference desks (DOMAIN.md), in our own words, with the demo names.

Desks A–D publish an English original with a Japanese translation, the English text prevailing; A and D have two versions (A added a purpose
of use, D added the rights of EU residents under the GDPR); desk E publishes in Japanese only.
"""

from datetime import date

from django.db import transaction

from .models import PolicySetting, PolicyVersion
from .services import policy_draft_create, policy_publish


def _s(ja: str, en: str = "") -> dict:
    return {"ja": ja.strip(), "en": en.strip()}


# --- Desk A: Toto VoiceNet (telephony, Koto-ku) -------------------------------------------------------------

A_BODY_EN = """
Toto VoiceNet K.K. ("we") provides telephone and VoIP services. We recognise that the personal information of
our customers is an important asset entrusted to us, and we handle it under this policy, the Act on the
Protection of Personal Information and the guidelines for the telecommunications business.

## Basic policy

1. We acquire personal information only by lawful and fair means, and only as far as needed for the purposes
   stated below.
2. We use personal information only within those purposes, unless the law allows otherwise or you consent.
3. We keep personal data accurate and up to date, and delete it once it is no longer needed.
4. We review this policy and our internal rules regularly and improve them.

## Person responsible

The Chairman is the person responsible for personal information and answers for its handling throughout the
company.

## Deletion after an inquiry

Once an inquiry has been fully answered, the personal information collected for it is deleted from our system.

## Requests about your data

You may ask for notice of the purpose of use, disclosure (including records of provision to third parties),
correction, addition or deletion, suspension of use or erasure, and suspension of provision to third parties.
Make the request in writing (no set form is required) by visiting our head office, by FAX or by post, stating the
billing date, telephone number and FAX number of your contract, so that we can confirm your identity against our
records. An agent needs a special power of attorney from the customer.

Disclosure costs 1,000 yen (tax included) per contract. A separate fee may be charged where a request needs extra
work. We answer in writing.
"""

A_BODY_JA = """
東都ボイスネット株式会社（以下「当社」）は、電話・VoIPサービスを提供しています。当社は、お客様の個人情報をお預かりした大切な財産と考え、本方針、個人情報の保護に関する法律および電気通信事業分野のガイドラインに従って取り扱います。

## 基本方針

1. 個人情報は、適法かつ公正な手段により、下記の利用目的に必要な範囲でのみ取得します。
2. 法令に定める場合またはご本人の同意がある場合を除き、利用目的の範囲内でのみ利用します。
3. 個人データを正確かつ最新の内容に保ち、不要となったときは削除します。
4. 本方針および社内規程を定期的に見直し、改善します。

## 責任者

代表取締役会長を個人情報保護管理者とし、全社の個人情報の取扱いについて責任を負います。

## お問い合わせ後の削除

お問い合わせへの回答が完了した後、そのために取得した個人情報はシステムから削除します。

## 開示等の請求

利用目的の通知、開示（第三者提供記録の開示を含みます）、訂正・追加・削除、利用停止・消去、第三者提供の停止をご請求いただけます。ご請求は書面（様式自由）で、ご契約の請求日・電話番号・FAX番号を明記のうえ、本社へのご来訪、FAXまたは郵送でお送りください。当社の記録と照合してご本人であることを確認します。代理人によるご請求には、ご本人からの特別な委任状が必要です。

開示の手数料は1契約につき1,000円（税込）です。特別な作業を要する場合は、別途手数料をいただくことがあります。回答は書面でお送りします。
"""

A_PURPOSES_V1 = _s(
    """
- 電話・VoIPサービスのご契約の締結、提供および管理
- ご利用料金の計算、請求および収納
- 工事日、料金、サービス内容の変更などのお知らせ
- 当社および提携先の商品・サービスのご案内
- サービス向上のためのアンケートの実施
""",
    """
- to conclude, provide and manage contracts for our telephone and VoIP services
- to calculate, bill and collect charges
- to send notices of installation dates, charges and changes to the service
- to inform you of the products and services of our company and our partners
- to carry out surveys to improve our services
""",
)

A_PURPOSES_V2 = _s(
    A_PURPOSES_V1["ja"] + "\n- 不正利用（なりすまし・迷惑電話の発信等）の検知および防止",
    A_PURPOSES_V1["en"] + "\n- to detect and prevent fraudulent use of our services (impersonation, nuisance calls)",
)

A_SECTIONS = {
    "categories": _s(
        "氏名、住所、電話番号、FAX番号、メールアドレス、ご契約内容、請求日およびお支払いに関する情報、通話の発着信記録",
        "Name, address, telephone and FAX numbers, e-mail address, contract details, billing date and payment "
        "details, and records of calls made and received.",
    ),
    "third_parties": _s(
        """
法令に定める場合を除き、ご本人の同意なく個人データを第三者に提供しません。請求書の印刷・発送、料金の収納などの業務を委託する場合は、個人情報の取扱いに関する契約を締結し、委託先を適切に監督します。
""",
        """
We do not provide personal data to third parties without your consent, except where the law allows it. Where we
entrust work such as printing and posting invoices or collecting charges, we sign a contract on the handling of
personal information with the contractor and supervise it.
""",
    ),
    "retention": _s(
        "ご契約終了後、法令で定める期間および料金に関するお問い合わせにお応えするために必要な期間保管し、その後削除します。",
        "We keep contract data after the contract ends for the periods the law requires and as long as needed "
        "to answer questions about charges, and then delete it.",
    ),
    "security": _s(
        """
- 組織的安全管理措置：個人情報保護管理者を置き、取扱規程を定めています。
- 人的安全管理措置：従業者に定期的な教育を行い、秘密保持の誓約を得ています。
- 物理的安全管理措置：入退室を管理し、書類と機器の盗難・紛失を防止しています。
- 技術的安全管理措置：アクセス権限を管理し、外部からの不正アクセスを防止しています。
""",
        """
- Organisational: a person responsible for personal information and written handling rules.
- Human: regular training of employees, who sign a confidentiality undertaking.
- Physical: controlled access to our offices; papers and devices protected against theft and loss.
- Technical: access rights managed per person; protection against unauthorised access from outside.
""",
    ),
    "complaints": _s(
        "個人情報の取扱いに関する苦情・ご相談は、個人情報受付窓口（平日10:00〜17:00）で承ります。",
        "Complaints and questions about our handling of personal information are received by the Personal "
        "Information Reception Desk (weekdays 10:00–17:00).",
    ),
}

# --- Desk B: Hokushin Cluster Systems (HPC systems) -------------------------------------------------------

B_BODY_EN = """
Hokushin Cluster Systems Co., Ltd. designs and builds high-performance computing clusters. This policy explains
how we handle the personal information we receive through our website and our Customer Information Desk.

## What we collect

We collect personal information only when you give it to us, for example when you send an inquiry. We use it
only to answer that inquiry.

## Your requests

You can ask the Customer Information Desk by e-mail to disclose, correct or delete the personal information we
hold about you. We answer disclosure requests immediately, and we modify or delete your data on request. We
answer requests about your own data only.

## Changes to this policy

We may change this policy. The new version is published on this page with its effective date.
"""

B_BODY_JA = """
北辰クラスタシステムズ株式会社は、高性能計算クラスタの設計・構築を行っています。本方針は、当社ウェブサイトおよびお客様情報窓口でお預かりする個人情報の取扱いについて説明するものです。

## 取得する情報

当社は、お問い合わせの送信など、ご本人から提供いただいた場合にのみ個人情報を取得し、そのお問い合わせへの回答にのみ利用します。

## ご本人からのご請求

当社が保有するご自身の個人情報について、お客様情報窓口へのメールにより開示・訂正・削除をご請求いただけます。開示のご請求には速やかにお応えし、訂正・削除もご請求に応じて行います。ご請求はご本人の情報に限りお受けします。

## 本方針の変更

本方針は変更することがあります。変更後の方針は、施行日とともに本ページに掲載します。
"""

B_SECTIONS = {
    "purposes": _s(
        "- お問い合わせへの回答（それ以外の目的には利用しません）",
        "- to answer your inquiry (and for no other purpose)",
    ),
    "categories": _s(
        "お名前、メールアドレス、会社名、お問い合わせの内容",
        "Your name, e-mail address, company and the content of your inquiry.",
    ),
    "third_parties": _s(
        "法令に定める場合を除き、個人情報を第三者に提供しません。",
        "We do not provide personal information to third parties except where the law requires it.",
    ),
    "retention": _s(
        "お問い合わせへの対応が終了してから90日後に、お名前やご連絡先など、ご本人を特定できる情報を削除（匿名化）"
        "します。",
        "Ninety days after we have answered an inquiry, we remove your name, contact details and anything else that "
        "identifies you from it (anonymisation).",
    ),
    "security": _s(
        "個人情報へのアクセスを担当者に限定し、通信と保存データを暗号化しています。",
        "Access to personal information is limited to the staff who answer inquiries; data is encrypted in "
        "transit and at rest.",
    ),
    "external": _s(
        "当社ウェブサイトは、個別のページに記載がない限りクッキーを使用しません。利用状況の統計のため、個人を特定"
        "しない匿名のアクセス情報を収集しています。",
        "Our website uses no cookies unless a page says so. We collect anonymous usage statistics that do not "
        "identify you.",
    ),
    "complaints": _s(
        "苦情・ご相談はお客様情報窓口へメールでお寄せください。",
        "Please send complaints and questions to the Customer Information Desk by e-mail.",
    ),
}

# --- Desk C: Minato Line Services (subscriber lines) -----------------------------------------------------

C_BODY_EN = """
Minato Line Services Inc. provides subscriber telephone lines. As a holder of the Privacy Mark, we run a
personal information protection management system and handle personal information under this policy.

## Calls to our Customer Service Center

Calls may be recorded to improve our service and to confirm what was agreed. We tell you so at the start of the
call.

## Requests about your data

You can ask for disclosure, amendment, addition or deletion, suspension of use, and suspension of provision to
third parties. Call the Customer Service Center (weekdays 10:00–17:00, closed on national holidays and at the
year-end and new-year holidays) or download the procedure documents from this website. We confirm your identity
before we disclose anything.

Disclosure costs 1,000 yen (tax included) per subscriber line. An extra fee may apply if you ask for an irregular
method. We answer in a timely manner.
"""

C_BODY_JA = """
みなと回線サービス株式会社は、加入電話回線サービスを提供しています。当社はプライバシーマーク取得事業者として個人情報保護マネジメントシステムを運用し、本方針に従って個人情報を取り扱います。

## カスタマーサービスセンターへのお電話

お電話の内容は、サービス向上およびお約束内容の確認のため録音させていただく場合があります。その旨は通話の冒頭でお知らせします。

## 開示等のご請求

開示、訂正・追加・削除、利用停止、第三者提供の停止をご請求いただけます。カスタマーサービスセンター（平日10:00〜17:00、祝日・年末年始を除く）へお電話いただくか、本ウェブサイトから手続きの書類を入手してください。開示の前にご本人であることを確認します。

開示の手数料は1回線につき1,000円（税込）です。通常と異なる方法でのご請求には、別途手数料がかかる場合があります。回答は適時に行います。
"""

C_SECTIONS = {
    "purposes": _s(
        """
- 回線サービスの開通、提供および保守
- ご利用料金の請求
- 料金および工事日のお知らせ
- キャンペーン等のご案内
""",
        """
- to set up, provide and maintain line services
- to bill charges
- to notify you of charges and installation dates
- to inform you of promotions
""",
    ),
    "categories": _s(
        "契約者の氏名、住所、電話番号、生年月日、回線情報、お支払い情報、通話録音",
        "Subscriber's name, address, telephone number, date of birth, line details, payment details and call "
        "recordings.",
    ),
    "third_parties": _s(
        "工事、請求書の発送などを業者に委託する場合、契約により個人情報の適切な取扱いを義務付け、委託先を監督します。"
        "法令に定める場合を除き、同意なく第三者に提供しません。",
        "Where we entrust installation work or the posting of invoices to vendors, a contract obliges them to "
        "handle personal information properly and we supervise them. We do not provide personal data to third "
        "parties without consent except where the law allows it.",
    ),
    "security": _s(
        "プライバシーマークの基準に従い、規程の整備、従業者教育、入退室管理、アクセス制御、委託先の監督を行っています。",
        "Following the Privacy Mark standard: written rules, staff training, controlled office access, access "
        "control on our systems and supervision of contractors.",
    ),
    "complaints": _s(
        "苦情・ご相談は、カスタマーサービスセンター（0120-555-010、平日10:00〜17:00）で承ります。",
        "Complaints and questions: Customer Service Center, 0120-555-010, weekdays 10:00–17:00.",
    ),
}

# --- Desk D: Lumina Web (web service) ---------------------------------------------------------------------

D_BODY_EN = """
The Lumina Web Operating Team runs the Lumina web service. This policy explains what personal information we
handle when you use the service, and what you can ask us to do with it.

## Your account

You can view and change most of your information in your account settings. For other requests, write to our
inquiries address from the e-mail address registered to your account; we identify you by your logged-in account.
We answer within a reasonably prompt period. No fee is charged.

## Personal Information Handling Supervisor

Our Personal Information Handling Supervisor oversees the handling of personal information in the service.
"""

D_BODY_JA = """
ルミナウェブ運営チームは、ウェブサービス「ルミナ」を運営しています。本方針は、サービスのご利用に際して当チームが取り扱う個人情報と、ご本人がご請求できる事項を説明するものです。

## アカウント

ほとんどの情報は、アカウント設定から確認・変更できます。その他のご請求は、アカウントにご登録のメールアドレスからお問い合わせ窓口へご連絡ください。ログイン中のアカウントによりご本人を確認します。合理的な期間内に速やかにお答えします。手数料はかかりません。

## 個人情報取扱責任者

個人情報取扱責任者が、サービスにおける個人情報の取扱いを監督します。
"""

D_GDPR_EN = """

## If you live in the European Union

If you live in the EU, the General Data Protection Regulation (GDPR) gives you the right to access your data, to have it
rectified or erased, to restrict or object to its processing, and to receive it in a portable format. Write to
our inquiries address to exercise these rights; we answer within one month. You also have the right to complain
to a supervisory authority, in particular in the EU Member State where you live.
"""

D_GDPR_JA = """

## EU域内にお住まいの方へ

EU域内にお住まいの方は、一般データ保護規則（GDPR）に基づき、ご自身のデータへのアクセス、訂正、消去、処理の制限、処理への異議、データポータビリティの権利を行使できます。これらの権利の行使はお問い合わせ窓口へご連絡ください。1か月以内にお答えします。また、お住まいのEU加盟国などの監督機関に苦情を申し立てる権利があります。
"""

D_SECTIONS = {
    "purposes": _s(
        """
- アカウントの作成、ログインおよび管理
- お知らせの送信
- 利用状況に応じたコンテンツの表示
- 広告の配信
- サポートへのご対応
- 統計データの作成（個人を特定しない形）
""",
        """
- to create and manage your account and let you log in
- to send you notifications
- to show content suited to how you use the service
- to deliver advertising
- to answer support requests
- to compile statistics that do not identify you
""",
    ),
    "categories": _s(
        "アカウント情報（ログインID、メールアドレス、表示名）、サービスの利用履歴、端末情報、お問い合わせの内容",
        "Account details (login ID, e-mail address, display name), how you use the service, device "
        "information and the content of your support requests.",
    ),
    "external": _s(
        """
当サービスは、ログインの維持、ソーシャル機能、広告および利用状況の分析のためにクッキー等を使用します。ブラウザの設定によりクッキーを無効にできますが、その場合ログインできなくなることがあります。
""",
        """
We use cookies and similar technologies to keep you logged in, for social features, for advertising and for
analytics. You can turn cookies off in your browser, but you may then be unable to log in.
""",
    ),
    "security": _s(
        "通信の暗号化、パスワードのハッシュ化、運営チーム内でのアクセス権限の管理を行っています。",
        "Encrypted connections, hashed passwords, and access rights managed within the operating team.",
    ),
    "complaints": _s(
        "苦情・ご相談はお問い合わせ窓口へメールでお寄せください。",
        "Send complaints and questions to our inquiries address by e-mail.",
    ),
}

D_COMPLAINTS_V2 = _s(
    D_SECTIONS["complaints"]["ja"] + "EU域内にお住まいの方は、監督機関に苦情を申し立てることもできます。",
    D_SECTIONS["complaints"]["en"] + " If you live in the EU, you may also complain to a supervisory authority.",
)

# --- Desk E: Aoba CloudCom (cloud communications), Japanese only ---------------------------------------------

E_BODY_JA = """
株式会社あおばクラウドコム（以下「当社」）は、クラウド型コミュニケーションサービスを提供する事業者として、個人情報の保護に関する法律その他の関係法令を遵守し、以下のとおり個人情報を適切に取り扱います。

## 要配慮個人情報

当社は、法令に定める場合を除き、ご本人の同意なく要配慮個人情報を取得しません。

## 開示等の請求の手続き

1. 個人情報お問い合わせ窓口へメールでご連絡ください。
2. 当窓口から所定の書式をメールでお送りします。
3. 書式にご記入のうえ、必要書類とともに当窓口宛に郵送してください。

ご本人確認のため、当社が保有する2項目程度（電話番号、生年月日など）をお伺いします。重要な情報については、運転免許証、パスポート、住民基本台帳カード、健康保険証その他の公的書類の写しをお願いすることがあります。回答は、ご請求書面に記載のご住所宛に封書で郵送します。

## 本方針の変更

本方針を変更する場合は、附則として改定履歴とともに本ページに掲載します。変更後も当社サービスをご利用いただいた場合は、変更後の方針に同意いただいたものとみなします。

## 準拠法・管轄

本方針は日本法に準拠し、本方針に関する紛争は当社本店所在地を管轄する裁判所を第一審の専属的合意管轄裁判所とします。
"""

E_SECTIONS = {
    "purposes": _s(
        """
- サービスの提供および料金の請求
- 販売代理店への手数料の計算および支払い
- アンケートの実施およびメールマガジンの配信
- 取引先の個人情報：契約の締結・履行および与信審査
"""
    ),
    "categories": _s("氏名、住所、電話番号、生年月日、メールアドレス、ご契約内容、サービスの利用状況、お支払い情報"),
    "third_parties": _s(
        "法令に定める場合を除き、ご本人の同意なく第三者に提供しません。業務の一部を委託する場合は、委託先と契約を締結し、"
        "必要かつ適切な監督を行います。"
    ),
    "security": _s(
        """
- 個人情報保護管理者を置き、取扱規程を定めています。
- 従業者に定期的な教育を行っています。
- 個人情報を取り扱う区域への入退室を管理しています。
- アクセス制御と通信の暗号化により不正アクセスを防止しています。
"""
    ),
    "anonymised": _s(
        """
当社は匿名加工情報を作成し、第三者に提供することがあります。

- 匿名加工情報に含まれる項目：性別、年代、業種・職業、都道府県、利用月、サービスの利用状況
- 提供の方法：暗号化した電子ファイルを、受領者ごとに設定したアクセス権限のもとで提供します。
"""
    ),
    "complaints": _s("個人情報の取扱いに関する苦情・ご相談は、個人情報お問い合わせ窓口へメールでご連絡ください。"),
}


def _publish(organization, *, number_of_versions: int, versions: list[dict]) -> int:
    count = 0
    for spec in versions[:number_of_versions]:
        effective = spec.pop("effective_date")
        draft = policy_draft_create(organization=organization, actor=None, **spec)
        policy_publish(version_id=draft.pk, actor=None, effective_date=effective, today=effective)
        count += 1
    return count


def _a_versions() -> list[dict]:
    v1_sections = {"purposes": A_PURPOSES_V1, **A_SECTIONS}
    v2_sections = {"purposes": A_PURPOSES_V2, **A_SECTIONS}
    return [
        {
            "effective_date": date(2007, 12, 1),
            "original_language": "en",
            "summary_en": "First version.",
            "summary_ja": "制定。",
            "body_en": A_BODY_EN,
            "body_ja": A_BODY_JA,
            "sections": v1_sections,
        },
        {
            "effective_date": date(2022, 4, 1),
            "original_language": "en",
            "summary_en": "New purpose of use: detecting and preventing fraudulent use of our services.",
            "summary_ja": "利用目的に「不正利用の検知および防止」を追加しました。",
            "body_en": A_BODY_EN,
            "body_ja": A_BODY_JA,
            "sections": v2_sections,
        },
    ]


def _d_versions() -> list[dict]:
    return [
        {
            "effective_date": date(2017, 6, 21),
            "original_language": "en",
            "summary_en": "First version.",
            "summary_ja": "制定。",
            "body_en": D_BODY_EN,
            "body_ja": D_BODY_JA,
            "sections": D_SECTIONS,
        },
        {
            "effective_date": date(2018, 7, 21),
            "original_language": "en",
            "summary_en": "Rights of EU residents under the GDPR, and the right to complain to a supervisory authority.",
            "summary_ja": "EU域内にお住まいの方のGDPRに基づく権利と、監督機関への苦情申立ての権利を追加しました。",
            "body_en": D_BODY_EN.rstrip() + "\n" + D_GDPR_EN,
            "body_ja": D_BODY_JA.rstrip() + "\n" + D_GDPR_JA,
            "sections": {**D_SECTIONS, "complaints": D_COMPLAINTS_V2},
        },
    ]


def _single(effective: date, body_en: str, body_ja: str, sections: dict, original: str = "en") -> list[dict]:
    return [
        {
            "effective_date": effective,
            "original_language": original,
            "summary_en": "First version." if body_en else "",
            "summary_ja": "制定。",
            "body_en": body_en,
            "body_ja": body_ja,
            "sections": sections,
        }
    ]


DEMO_POLICIES = {
    "toto-voicenet": _a_versions,
    "hokushin-cluster": lambda: _single(date(2005, 7, 1), B_BODY_EN, B_BODY_JA, B_SECTIONS),
    "minato-line": lambda: _single(date(2015, 10, 1), C_BODY_EN, C_BODY_JA, C_SECTIONS),
    "lumina-web": _d_versions,
    "aoba-cloud": lambda: _single(date(2018, 10, 1), "", E_BODY_JA, E_SECTIONS, original="ja"),
}


@transaction.atomic
def demo_policies_create(organization) -> int:
    """The demo policy versions of a reference desk; nothing when the desk already has a version."""
    build = DEMO_POLICIES.get(organization.slug)
    if build is None:
        return 0
    versions = build()
    # The text that prevails is the original (English for desks A–D): one coherent note on every page. A setting a
    # supervisor has already saved is kept.
    PolicySetting.objects.get_or_create(
        organization=organization, defaults={"prevailing_language": versions[0]["original_language"]}
    )
    if PolicyVersion.objects.filter(organization=organization).exists():
        return 0
    return _publish(organization, number_of_versions=len(versions), versions=versions)
