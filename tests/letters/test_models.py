"""A letter's document number and recipient, each decided in one place; without the database."""

from privacydesk.cases.models import Case
from privacydesk.letters.models import Letter, Recipient
from privacydesk.organizations.models import Organization


def case(**agent) -> Case:
    return Case(
        organization=Organization(letter_number_prefix="個相"),
        name="山田 太郎",
        postal_code="135-0016",
        address="東京都江東区東陽1-1-1",
        **agent,
    )


def test_the_document_number_reads_as_the_letters_language_writes_it():
    assert Letter(case=case(), number=12, language="ja").document_number == "個相第12号"
    assert Letter(case=case(), number=12, language="en").document_number == "No. 12"


def test_a_letter_goes_to_the_agent_when_the_agent_gave_an_address():
    agent = {"agent_type": "appointed", "agent_name": "代理 花子", "agent_postal_code": "100-0001"}
    assert Letter(case=case(**agent, agent_address="東京都千代田区千代田1-1")).recipient == Recipient(
        name="代理 花子", postal_code="100-0001", address="東京都千代田区千代田1-1"
    )
    # An agent without a postal address: the letter goes to the person.
    assert Letter(case=case(**agent)).recipient == Recipient(
        name="山田 太郎", postal_code="135-0016", address="東京都江東区東陽1-1-1"
    )
