"""The codebook: for each fact of an arrangement, the question a coder answers.

Researchers code real arrangements from public sources, usually in pairs, and
trust their work when two codings agree (see :mod:`peerprod.analysis.agreement`).
That only works when both answer the same questions in the same way: this table
is those questions, the answers allowed, and how to choose between them. The
documentation renders it; it is kept here, beside the model, so that the two
cannot drift apart (a test checks that every fact and every answer is covered).

Example:
    >>> question("community").asks
    'Do the participants form a community: do they talk to each other, share and act together?'
"""

from __future__ import annotations

from typing import Final

import attrs

__all__ = ["CODEBOOK", "Answer", "Question", "question"]


@attrs.frozen(kw_only=True)
class Answer:
    """One answer a coder may give, and what it means."""

    value: str
    """The answer as written in documents."""
    means: str
    """When to give it."""


@attrs.frozen(kw_only=True)
class Question:
    """The question for one fact, its answers and the guidance for hard cases."""

    fact: str
    """The fact's name."""
    asks: str
    """The question."""
    shape: str
    """``"one value"``, ``"yes or no"`` or ``"a set"`` (give every answer that applies)."""
    answers: tuple[Answer, ...]
    """The answers allowed."""
    guidance: tuple[str, ...] = ()
    """How to decide in the cases that come up; examples from documented arrangements."""


def _answers(*pairs: tuple[str, str]) -> tuple[Answer, ...]:
    return tuple(Answer(value=value, means=means) for value, means in pairs)


_CONTROL = (
    ("organizer", "the organizing company alone"),
    ("shared", "the company and the participants together, or a neutral steward "
     "(a non-profit foundation, a public body) that neither side owns"),
    ("participants", "the participants or their own community or cooperative alone"),
)  # fmt: skip

CODEBOOK: Final[tuple[Question, ...]] = (
    Question(
        fact="contributions",
        asks="What do the participants put into the arrangement?",
        shape="a set",
        answers=_answers(
            ("nothing", "they only buy and use what the organizer makes (stands alone)"),
            ("service_step", "they do a step of the service themselves (a cash machine)"),
            ("assembly", "they assemble or finish a product designed for them (flat-pack)"),
            ("content", "text, pictures, video, music, reviews, answers, knowledge"),
            ("designs", "designs of things: models, patterns, schematics, product artwork"),
            ("code", "source code"),
            ("data", "data: maps, measurements, annotations, observations"),
            ("ideas", "ideas, proposals, votes or feedback on what should be made"),
            (
                "tasks",
                "task labour done on demand for the organizer or its clients: "
                "micro-tasks, gig work",
            ),
            (
                "gifts",
                "goods, space or time given to other participants: objects, hospitality, help",
            ),
            (
                "infrastructure",
                "physical infrastructure that joins a shared whole: network nodes, machines, "
                "tools, workshop space",
            ),
            (
                "creative_work",
                "creative work of a kind the sources do not say; prefer the specific kinds",
            ),
        ),
        guidance=(
            "Code what the participants of this arrangement do, not what the organizer's "
            "staff do. A platform's users who only watch are not its participants.",
            "Give every kind that applies: a wiki's editors give content and data.",
            "Paid work for the organizer or its clients (micro-tasks, deliveries) is tasks; "
            "a design entered in a contest is designs, even if it wins a prize.",
            "The organizer's clients (requesters, seekers, sponsors) count as the organizer, "
            "not as participants.",
        ),
    ),
    Question(
        fact="community",
        asks="Do the participants form a community: do they talk to each other, share "
        "and act together?",
        shape="yes or no",
        answers=_answers(
            (
                "true",
                "they have shared places to talk (forums, comments, meetings, "
                "mailing lists) that they use, and can act together",
            ),
            ("false", "each deals with the organizer alone; they hardly meet each other"),
        ),
        guidance=(
            "Community and competition are two facts: creators who compete for views can "
            "still form a community.",
            "Evidence of collective action (campaigns, petitions, strikes, forks) counts for true.",
        ),
    ),
    Question(
        fact="competition",
        asks="Do the participants compete with each other for market value or rewards?",
        shape="yes or no",
        answers=_answers(
            ("true", "they compete for sales, prizes, selection, views or paid jobs"),
            ("false", "what one gains, the others do not lose"),
        ),
    ),
    Question(
        fact="monetization",
        asks="How is the value the participants create turned into money, and who gets "
        "it? Give each channel with who captures it.",
        shape="a set",
        answers=_answers(
            ("product_sales by ...", "goods or products made from the contributions are sold"),
            (
                "licensing by ...",
                "licences to the contributions themselves are sold (stock media, patents)",
            ),
            (
                "attention by ...",
                "advertising, or data, sold from the participants' "
                "activity and the audience it draws",
            ),
            (
                "subscriptions by ...",
                "paid access to the platform on which the "
                "participants take part, or paid tiers of it (premium accounts, memberships "
                "to read or post, paid verification)",
            ),
            ("fees by ...", "fees or commission on the participants' transactions"),
            (
                "services by ...",
                "services built on the contributions: support, hosting, integration, "
                "consulting, and subscriptions to a product or hosted service made from them "
                "(an enterprise edition, a cloud service)",
            ),
            ("donations by ...", "donations and grants"),
            (
                "none",
                "the participants keep their exchange explicitly outside the monetary "
                "economy: no captor; only donations may stand beside it",
            ),
            ("... by organizer", "the organizer captures the money"),
            (
                "... by participants",
                "the participants, each for themselves (a cut of sales, a prize, their own sales)",
            ),
            (
                "... by participant_vehicles",
                "vehicles the participants own together (a cooperative, their own company)",
            ),
            ("... by anyone", "anyone on equal terms: businesses building on a commons"),
        ),
        guidance=(
            'Write each as a table: {channel = "attention", by = "organizer"}.',
            "Only money made from this arrangement's value counts: a company's other "
            "businesses do not.",
            "Money earned from a product made from the contributions is product_sales, "
            "however it is paid: a sale, a bundling deal, a default-search deal for a "
            "browser, an app store's cut on a phone system. Attention is advertising or data "
            "from the participants' own activity on the platform, and from the audience "
            "viewing their contributions there.",
            "Subscriptions are paid access to the platform the participants take part on; a "
            "subscription to a product or hosted service made from the contributions is "
            "services.",
            "An empty list means nobody makes money from it, without an explicit stance; "
            "'none' is the stance itself (freecycling, gift economies). A gift economy whose "
            "platform lives on donations is 'none' with 'donations by organizer'.",
            "A non-profit that runs the arrangement is its organizer: the donations or dues "
            "it receives are 'donations by organizer'. Donations to a body that does not "
            "run the arrangement belong in the ecosystem's funding streams, not here.",
            "Money the participants receive for their work is the channel it comes from, by "
            "participants: a share of sales is 'product_sales by participants', prizes for "
            "entries the organizer licenses 'licensing by participants', piece-rate pay for "
            "tasks 'services by participants'.",
        ),
    ),
    Question(
        fact="parameters",
        asks="Who sets the parameters of the cooperation: the rules, the roadmap, what "
        "counts as a valid contribution?",
        shape="one value",
        answers=_answers(*_CONTROL),
        guidance=(
            "A community that governs itself through its own maintainers, elected bodies "
            "or consensus is participants, even if a foundation hosts it.",
            "A company that sets the roadmap of an open project that outsiders "
            "contribute to is organizer.",
        ),
    ),
    Question(
        fact="design",
        asks="Who decides, in the end, the design of what is made?",
        shape="one value",
        answers=_answers(*_CONTROL),
        guidance=(
            "If the organizer chooses which contributions become products (a contest, a "
            "jury, a review beyond a technical check), it holds the design: organizer.",
            "If participants and organizer design together, or community votes bind the "
            "organizer's choice, shared.",
            "If participants design what they contribute and nobody selects (their own "
            "models, videos, code in a project they govern), participants.",
        ),
    ),
    Question(
        fact="joint_design",
        asks="Do the organizer and the participants develop the design together?",
        shape="yes or no",
        answers=_answers(
            (
                "true",
                "they work on the same design: iterate it, finish it jointly, or the "
                "participants' votes bind the organizer's choice",
            ),
            (
                "false",
                "one side designs alone: the organizer, or the participants whose "
                "work the organizer only accepts, picks or sells",
            ),
        ),
        guidance=(
            "A contest in which the organizer only picks a winner is false; a programme in "
            "which the chosen author works with the company's designers on the final "
            "product is true (LEGO Ideas).",
            "Participants who design their own contributions, which the organizer sells "
            "as they are (stock photos, a gallery of models), is false.",
        ),
    ),
    Question(
        fact="platform_control",
        asks="Who controls the platform the participants work on?",
        shape="one value",
        answers=_answers(*_CONTROL),
        guidance=(
            "The platform is what the participants use (the app, the site, the forge), not "
            "the host it runs on.",
            "Inside an ecosystem this is also derived from who operates and owns the "
            "platform; code it from the sources all the same, and the library reports any "
            "disagreement.",
        ),
    ),
    Question(
        fact="value_chain_control",
        asks="Who controls the value chain that turns the work into money: production, "
        "distribution, prices, access to buyers?",
        shape="one value",
        answers=_answers(*_CONTROL),
        guidance=(
            "Where anyone may build and sell on a commons and no firm dominates, shared; "
            "where the producers run it themselves, participants.",
        ),
    ),
    Question(
        fact="output_regime",
        asks="What kind of property is what the participants make, under the license and "
        "the contribution terms?",
        shape="one value",
        answers=_answers(
            (
                "commons",
                "free terms, the same for everyone (GPL, MIT, CC BY, CC BY-SA, "
                "ODbL, public domain), and copyfair licences that reserve commercial use to "
                "the commons' own producers (Peer Production License, CoopCycle License)",
            ),
            (
                "sharing",
                "the author chooses a restriction that makes it non-free (CC BY-NC, CC BY-ND)",
            ),
            ("corporate", "proprietary or source-available terms that give users little"),
            (
                "sharecropping",
                "the organizer takes the whole of what participants make for "
                "its own use, usually by its terms of service or an assignment",
            ),
        ),
        guidance=(
            "Read the contribution and platform terms beside the outbound license: rights that "
            "let the organizer use the work for its own ends beyond running the service "
            "(an assignment, or a licence that is sublicensable, or perpetual, or survives "
            "deletion) over terms that are not free are sharecropping.",
            "When participants make no work at all (they only consume, or do a service "
            "step), code what the organizer's product is: usually corporate.",
            "Gifts of goods, space or time carry no licence: code the terms of what is "
            "recorded on the platform (listings, profiles, references), or unknown.",
            "Inside an ecosystem this is also derived from the commons' license and terms.",
        ),
    ),
)
"""Every question of the codebook, in :data:`~peerprod.model.arrangement.FACTS` order."""


def question(fact: str) -> Question:
    """The codebook's question for one fact.

    Raises:
        KeyError: no fact has that name.
    """
    for found in CODEBOOK:
        if found.fact == fact:
            return found
    raise KeyError(fact)
