"""What an error means: a category from the taxonomy, retry advice, and the rule that decided.

Every entry gets one of the ccxt-style class names listed in ``scraper/data/taxonomy.json``
(documented in ``docs/taxonomy.md``). Word rules read the entry's name, then its messages and
description, then a pseudo-code's own words; rules run from most to least specific, and a
specific rule anywhere beats a generic one. When no words decide, the HTTP status may;
otherwise the entry is a plain ``ExchangeError``. A source can override what the rules get
wrong (``[overrides]`` in its file).

>>> from errcat.model import Entry
>>> v = categorize(Entry(code="-1003", name="TOO_MANY_REQUESTS", messages=("Too many requests.",)))
>>> (v.category, v.retryable, v.reason)
('RateLimitExceeded', True, 'name:TOO_MANY_REQUESTS')
>>> categorize(Entry(code="150004", messages=("Insufficient balance.",))).reason
"message:'insufficient'"
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from errcat.errors import SourceError
from errcat.model import SURFACES, Catalog, Entry

# Defined here before errcat.taxonomy; still importable from here.
from errcat.taxonomy import FAMILY_MARK, Category, Taxonomy, taxonomy  # noqa: F401
from errcat.templates import PLACEHOLDER

FALLBACK = "ExchangeError"


# --- taxonomy: errcat.taxonomy (explain reads it without compiling the rules below) -----------

# --- word rules --------------------------------------------------------------------------------

_GAP = r"(?:\w+ ){0,%d}"  # up to N whole words between two parts of a phrase


def _gap(n: int) -> str:
    return _GAP % n


@dataclass(frozen=True)
class Rule:
    """A category and the words that signal it (a regex over :func:`words` text).

    ``pattern`` holds every alternative; ``latin`` leaves out those not written in ASCII (most
    texts are, and a pattern without a leading word boundary is slow to scan). ``parts``
    are the alternatives one by one: which of them fired names the rule (:func:`rule_id`), and
    the benchmark scores them one by one.
    """

    category: str
    pattern: re.Pattern[str]
    generic: bool = False
    alternatives: tuple[str, ...] = ()
    latin: re.Pattern[str] | None = None
    parts: tuple[re.Pattern[str], ...] = ()
    # read only in a section about the request, before the generic rules (REQUEST_PHASES)
    section: bool = False


def _load_meanings() -> dict[str, dict[str, list[str]]]:
    text = resources.files("errcat").joinpath("data/meanings.json").read_text("utf-8")
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}


# {language: {rule key: phrases}}: the words of other languages (scraper/data/meanings.json)
MEANINGS = _load_meanings()
SPOKEN_KEYS: set[str] = set()  # the keys the rules ask for (a test checks none is left over)


def _spoken(key: str) -> tuple[str, ...]:
    """The alternatives of rule ``key`` in languages other than English, one per language.

    >>> "残高" in _spoken("InsufficientFunds")[2]
    True
    """
    SPOKEN_KEYS.add(key)
    return tuple("|".join(p) for lang in MEANINGS.values() if (p := lang.get(key)))


def _alternation(alternatives: Iterable[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{a})" for a in alternatives) or "(?!)")


def _rule(category: str, *alternatives: str, generic: bool = False, section: bool = False) -> Rule:
    return Rule(
        category,
        _alternation(alternatives),
        generic,
        alternatives,
        _alternation(a for a in alternatives if a.isascii()),
        tuple(re.compile(a) for a in alternatives),
        section,
    )


_ORDER_ATTR = (
    r"types?|composition|sides?|status|book|size|price|qty|quantity|amount|value|param\w*"
    r"|combination|count|number|num|limit|direction|mode|resp|list|time|id format"
)
_SYMBOL = (
    r"(?:symbol|sym|pair|trading pair|currency pair|instrument|inst id|(?<!exec )inst"
    r"|market(?! orders?\b))"
)
# A market's filter settings (a symbol's definition, not an order's values).
_FILTER_SETTING = (
    r"tick size|step size|lot size|multiplier(?: up| down| decimal)?"
    r"|max(?:imum)? (?:price|qty|quantity|num orders|mum orders|notional)"
    r"|min(?:imum)? (?:price|qty|quantity|notional)|notional limit coef\w*"
    r"|price spread threshold|(?:price|qty|quantity) decimal"
)
_CREDENTIAL = (
    r"(?:api ?key|apikey|signature|sign|secret|secret key|passphrase|access key|login|password"
    r"|x \w+ key|app ?key|key|authori[sz]ation|authentication|auth|jwt"
    r"|(?:access|auth|bearer|session|jwt) tokens?)"
)
# Amounts that are not an order's: the generic InvalidOrder rule stays away from these.
NON_ORDER = re.compile(
    r"\b(?:withdraw\w*|deposit\w*|transfer\w*|loans?|borrow\w*|repay\w*|lend\w*|redeem\w*"
    r"|savings|staking|earn|sub ?accounts?|portfolio|api key|broker\w*|affiliate\w*|export\w*|p2p"
    r"|advertis\w*|otc|convert\w*|fees?|rebates?|kyc|e ?mail|phone|coupon\w*|voucher\w*|page"
    r"|histor\w*)\b"
)


# A text about an order says so first ("Order failed. … use a new sub-account to place the order
# again"): advice mentioning a transfer or a sub-account does not make it about those.
ORDER_SUBJECT = re.compile(r"^ (?:the |your |this |an? |new |current )?orders?\b")

# Most specific first. Every rule is tried against the name, then each message, then the words
# of a pseudo-code, before the next rule; generic rules only run when no specific rule matched.
RULES: tuple[Rule, ...] = (
    _rule(
        "OnMaintenance",
        r"\bmaintenance\b(?! margin)",
        *_spoken("OnMaintenance"),
        r"\bmaintaining\b",
        rf"\b(?:system|service|server|exchange|platform)s? {_gap(2)}(?:being |under )?upgrad\w*",
        r"\bunder upgrade\b",
        r"\bupgrad\w* in progress\b",
    ),
    _rule(
        "RateLimitExceeded",
        r"\btoo many (?:requests?|calls|request weights?|new orders|attempts|connections"
        r"|login attempts|visits|queries|api calls|subscriptions? requests?|sessions)\b",
        *_spoken("RateLimitExceeded"),
        r"\brate ?limit\w*",
        r"\bfrequen(?:t|tly|cy)\b",
        r"\bthrottl\w*",
        r"\btoo fast\b",
        # 限流 read word by word: "violation of current limiting rules"
        r"\bcurrent limiting\b",
        r"\brequest weights?\b",
        rf"\b(?:request|api|call|access|query|visit)s? limit {_gap(2)}(?:exceed|reach)\w*",
        rf"\b(?:exceed|reach)\w* {_gap(2)}(?:request|api|call|access|query|visit)s? limit\b",
        # the pace of requests or messages, worded the other way round ("Request too many",
        # "Request over limit", "Message rate exceeded")
        r"\b(?:requests?|calls?|messages?) too (?:many|much|often)\b"
        r"(?! (?:param\w*|fields?|arguments?|symbols?|orders?|items?|characters?|keys?|values?"
        r"|elements?|entries|ids?|bytes?)\b)",
        r"\b(?:requests?|calls?) over (?:the )?(?:limit|quota)\b",
        rf"\b(?:requests?|messages?|calls?|orders?) (?:rate|frequency) {_gap(1)}"
        r"(?:exceed\w*|limit\w*)",
        # how many streams one connection or key may hold, like "too many sessions": a cap on
        # concurrent use ("The number of subscribed channels exceeds the maximum limit")
        # ("subscription amount" is money put into an earn product, a "connection frame" one
        # message's size: neither is a count of streams)
        r"\b(?:subscri(?:ptions?|bed|bing)|channels?|connections?|sessions?)"
        r"(?! (?:amounts?|quantity|size|value|frames?|messages?|length|payload)\b)"
        rf" {_gap(3)}(?:exceed\w*|reach\w*) {_gap(2)}"
        r"(?:limit|maximum|max)\b",
        # a key's or a connection's "subscription amount" is how many streams it holds
        # ("APIKey subscription amount exceeds the limit 100")
        rf"\b(?:api ?keys?|connections?|sessions?|channels?) subscri\w* (?:amount|count|number)s?"
        rf" {_gap(2)}(?:exceed\w*|reach\w*) {_gap(2)}(?:limit|maximum|max)\b",
    ),
    _rule(
        "DDoSProtection",
        r"\bddos\b",
        r"\bcloudflare\b",
        rf"\bip {_gap(3)}(?:banned|blacklisted|shielded|blocked)\b",
        r"\bbanned until\b",
    ),
    _rule(
        "InsufficientFunds",
        r"\binsufficient\b(?! (?:\w+ ){0,3}(?:permissions?|privileges?|authority|liquidity|depth"
        r"|positions?))",
        # ("Amount is not enough": the order is too small, not unfunded)
        r"\b(?<!amount is )(?<!quantity is )(?<!qty is )(?<!size is )(?<!volume is )"
        r"(?<!amount )(?<!quantity )(?<!qty )(?<!size )(?<!volume )"
        r"not (?:have )?enough\b(?! (?:permissions?|liquidity|depth|position))",
        rf"\b(?:balances?|funds?|margin|assets?|equity|coins?) {_gap(2)}(?:not sufficient"
        r"|insufficient|not enough|too low|is zero|shortage)\b",
        rf"\bexceed\w* {_gap(2)}(?:available |transferable )?(?:balance|funds|margin)\b",
        r"\bno (?:enough |available )?(?:balance|funds)\b",
        r"\bno enough\b",
        rf"\b(?:balances?|funds?|margin|assets?|equity) {_gap(4)}"
        r"(?:cannot|can not|cant|not|unable to) (?:cover|afford|pay)\b",
        rf"\b(?:greater|more|larger|higher|bigger) than (?:your |the )?{_gap(2)}"
        r"(?:balances?|funds|equity)\b",
        r"\bnegative (?:\w+ )?(?:balance|equity)\b",
        # what the funds must pay for and cannot ("TE_CANNOT_COVER_ESTIMATE_ORDER_LOSS")
        r"\b(?:cannot|can not|cant|unable to|not enough to|insufficient to) cover\b",
        rf"\bmargin (?:rate|ratio|level)s? {_gap(2)}too (?:high|low)\b",
        *_spoken("InsufficientFunds"),
    ),
    # Who may not trade (a user, a kind of customer, this account) lacks a permission; the
    # account is not frozen: "Ins lending customer is not allowed to trade", "This account is
    # restricted from trading", "Leveraged trading is not allowed".
    _rule(
        "PermissionDenied",
        r"\b(?:customers?|users?|accounts?|you|clients?) (?:is |are )?(?:not allowed|forbidden"
        r"|prohibited|restricted|not permitted) (?:to|from) trad\w*",
        r"\b(?:leveraged|margin|futures|contract|copy|api) trading (?:is )?(?:not allowed"
        r"|forbidden|not permitted)\b",
        # what a key may reach: "API key is not permitted to access this endpoint", "The API
        # key lacks the required scope", "Endpoint requires the trade scope"
        r"\b(?:not (?:permitted|allowed|authori[sz]ed)|no permission) to (?:access|use|call)\b",
        rf"\b(?:lacks?|lacking|missing|requires?|without|insufficient) {_gap(3)}scopes?\b",
        rf"\bscopes? {_gap(2)}(?:required|insufficient|missing|not (?:granted|allowed))\b",
    ),
    _rule(
        "AccountSuspended",
        *_spoken("AccountSuspended"),
        rf"\b(?:account|user|api key|key|uid)s? {_gap(3)}(?:frozen|suspended|locked|blocked"
        r"|banned|deleted|deactivated|terminated|restricted|under risk control)\b",
        r"\b(?:account|user)s? (?:has been |have been |is |was )?(?:cancell?ed|closed)\b",
        r"\b(?:frozen|suspended|locked|blocked|banned|deleted|deactivated) (?:\w+ )?"
        r"(?:account|user|api key)\b",
        r"\buser frozen\b",
        r"^ frozen due to\b",
        rf"\b(?:account|user) {_gap(2)}(?:abnormal|unusual)\b",
        r"\b(?:abnormal|unusual) (?:\w+ )?(?:account|user)\b",
        r"\bbanned\b",
    ),
    _rule(
        "AccountNotEnabled",
        *_spoken("AccountNotEnabled"),
        r"\bkyc\b",
        r"\b(?:identity|real name) (?:verification|authentication)\b",
        # open to the account only some time after it was registered ("More than 20x leverage
        # is available one month after account registration")
        rf"\bavailable {_gap(5)}after {_gap(3)}registration\b",
        rf"\b(?:accounts?|features?|functions?|futures|margin trading|contract trading) {_gap(2)}"
        r"(?:not (?:yet )?(?:enabled|activated|opened|open|initiali[sz]ed|created))\b",
        rf"\benabled? {_gap(2)}(?:authenticator|2fa|google|futures account|margin account)\b",
        rf"\b(?:activate|open) {_gap(2)}(?:account|authenticator|2fa)\b",
        r"\b(?:trade|trading|fund) password (?:is )?not set\b",
        r"\binactive (?:\w+ )?account\b|\baccount (?:is )?inactive\b",
        # "You haven't enabled Cross Margin Trading yet", "MMP hasn't yet been enabled for your
        # account"
        r"\byou (?:have not|havent) (?:yet )?(?:enabled|activated|opened|turned on)\b",
        r"\b(?:has not|hasnt|have not|havent) (?:yet )?been (?:enabled|activated|opened|turned on)"
        r" (?:for|on|in) (?:your|the|this) (?:\w+ )?(?:account|sub ?account|user)\b",
        r"\b(?:account|user) (?:is )?not active\b",
        rf"\bbind {_gap(3)}(?:phone|google|e ?mail|2fa|authenticator)\b",
        # not yet the kind of user the feature is for: an application or sign-up enables it
        rf"\b(?:not|arent|isnt) (?:an? )?{_gap(3)}(?:users?|traders?|members?|merchants?"
        r"|brokers?|partners?) yet\b",
        # an account of a kind the user has not opened ("The margin trading account does not
        # exist"); a bare "Account not exist" or "Insurance account not found" is an id that
        # names no account, a wrong parameter
        r"\b(?:(?:margin|futures|contract|spot|trading|derivatives?|unified|copy trading|earn)"
        rf" {_gap(1)}accounts?|features?|functions?|futures|margin trading|contract trading)"
        rf" {_gap(2)}(?:not (?:yet )?(?:exists?|found)|does not exist|doesnt exist)\b",
    ),
    _rule(
        "AuthenticationError",
        # the credential itself is missing, not a field of an API-key endpoint ("API KEY
        # remarks cannot be null")
        rf"\b{_CREDENTIAL}s? (?!(?:remarks?|permissions?|names?|labels?|notes?|info\w*"
        rf"|descriptions?|groups?|ids?) ){_gap(3)}(?:required|empty|missing|null"
        r"|not (?:sent|provided))\b",
        rf"\b(?:missing|no|empty|without) (?:(?:request|http|auth\w*|headers?|validate|the|an?)"
        rf" ){{0,4}}(?:\w+ )?{_CREDENTIAL}\b",
        # ("Missing or invalid access token")
        rf"\b(?:missing|empty) or (?:invalid|expired|wrong|incorrect) {_CREDENTIAL}\b",
        # the headers a request must carry are its credentials (key, sign, timestamp)
        r"\bmissing (?:request |http )?headers?\b",
        # a named authentication header, empty or wrong ('Request header "OK-ACCESS-TIMESTAMP"
        # cannot be empty', "Bad request header validate-algorithms"); the receive window is
        # a clock's (InvalidNonce)
        rf"\bheaders? {_gap(2)}(?:ok access \w+|access (?:key|sign\w*|timestamp|passphrase|token)"
        r"|validate (?!recv ?window)\w+)\b",
        # a signed request's own header named ("Missing X-ACCESS-SIGN", "Invalid
        # OK-ACCESS-PASSPHRASE"): its credentials (its timestamp header is the clock's)
        r"\b(?:invalid|missing|wrong|bad|empty|illegal|incorrect) (?:[a-z]+ )?access"
        r" (?:key|sign\w*|passphrase)\b",
    ),
    # Nothing to do: "No repayment needed", "No repayment required" (before ArgumentsRequired,
    # whose "required" would read it as a parameter to send).
    _rule(
        "NoChange",
        # ("sent when no longer required" is a parameter sent that should not be)
        r"\bno (?!longer\b)(?:\w+ )?(?:needed|required|necessary)\b",
    ),
    # A tag or memo left out is the withdrawal address's, before a parameter left out is a bad
    # request ("Destination tag is missing", MEMO_REQUIRED).
    _rule(
        "InvalidAddress",
        r"\b(?:destination|address|withdraw\w*|deposit) tags?\b",
        r"\bmemo\b",
    ),
    # A parameter left out is a bad request. ccxt raises its own ArgumentsRequired before
    # sending, when a unified method lacks an argument; an exchange's answer that a parameter is
    # missing is a BadRequest in its class tree (ArgumentsRequired is not one) and in most of
    # its maps, so a handler catching BadRequest catches it.
    _rule(
        "BadRequest",
        # "data is null" is the exchange's data missing, not the caller's parameter
        r"\b(?=is |are |was |were |be )(?<!should )(?<!must )(?<!data )(?<!info )(?<!result )"
        r"(?<!record )(?<!records )(?<!price )(?<!index )(?<!position )(?:is|are|was|were|be)"
        r" (?:empty|null|blank"
        r"|missing)\b",
        # ("does not reach minimum required" is a bound, not a parameter to send)
        r"\b(?=required\b)(?<!not )(?<!longer )(?<!minimum )(?<!min )(?<!maximum )(?<!max )"
        r"required\b",
        r"\bmandatory\b",
        r"\bmissing\b",
        r"\bnot (?:be )?(?:sent|provided|specified|filled in)\b",
        r"\bmust (?:be )?(?:provided|sent|send|specified|passed|have a value)\b",
        r"\bempty or null\b",
        r"\bat least one of\b",
        # ("X is empty" is the first alternative's; neither reads "Position is empty",
        # POSITION_EMPTY, as a parameter left out: it is the exchange's state)
        r"\b(?=empty\b)(?<!should be )(?<!must be )(?<!\bor )(?<! is )(?<! are )(?<! was )"
        r"(?<! were )(?<! be )(?<!data )(?<!result )(?<!position )(?<!positions )(?<!record )"
        r"(?<!records )empty\b",
    ),
    _rule(
        "InvalidNonce",
        *_spoken("InvalidNonce"),
        r"\bnonce\b",
        rf"\boutside {_gap(3)}recv ?window\b",
        rf"\b(?:request |req |server )?time(?:stamp)? {_gap(3)}(?:exceed\w*|outside|out of|beyond)"
        rf" {_gap(2)}(?:time )?(?:window|range)\b",
        r"\brecv ?window\b",
        rf"\btimestamp {_gap(6)}(?:outside|ahead|behind|expired?|invalid|too (?:old|early|late)"
        r"|out of|differ\w*|mismatch\w*)\b",
        r"\b(?:invalid|expired|illegal|wrong|bad|incorrect) (?:\w+ )?(?:timestamp|nonce)\b",
        r"\brequest (?:has )?expired\b",
        r"\boutdated (?:message|request|timestamp|signature)\b",
        rf"\b(?:time|clock) {_gap(2)}(?:out of sync|not synchroni[sz]ed|skew)\b",
    ),
    _rule(
        "RequestTimeout",
        r"\btime ?outs?\b",
        *_spoken("RequestTimeout"),
        r"\btimed out\b",
        # a connection closed for silence ("No data received in 30s"): a timeout, reconnect
        rf"\bno (?:data|messages?|response|heartbeat|ping|pong)s? {_gap(1)}received (?:in|within"
        r"|for|after) \d\w*",
    ),
    _rule(
        "CancelPending",
        r"\b(?:pending|awaiting) (?:\w+ )?cancel\w*",
        r"\bcancel\w* (?:is )?(?:pending|in progress|being processed)\b",
        r"\b(?:is|being|already) cancell?ing\b",
        r"\b(?:already )?in (?:the )?cancell?ing (?:status|state|process)\b",
        r"\bbeing cancell?ed\b",
    ),
    _rule(
        "ContractUnavailable",
        rf"\bcontracts? {_gap(2)}(?:unavailable|not available|not (?:yet )?(?:open|opened|online"
        r"|started|listed)|expired|delivered|delivering|settl\w+"
        r"|suspended|closed|halted|offline|status error)\b",
        r"\b(?:delivery|settlement) (?:is )?in progress\b",
        # "Contract under delivery.", "Funding fee is being settled."
        r"\bunder (?:delivery|settlement)\b|\b(?:funding|settlement) (?:\w+ )?(?:is |are )?"
        r"being settled\b",
        r"\binstruments? (?:has |have |is |are |was )?(?:expired|delivered|settled)\b",
    ),
    _rule(
        "MarketClosed",
        *_spoken("MarketClosed"),
        rf"\b{_SYMBOL}s? {_gap(2)}(?:closed|halted|suspend(?:ed)?|paused|delisted|offline|removed"
        r"|unavailable|not (?:yet )?(?:open|opened|listed|online|started|trading|tradable"
        r"|tradeable)|no longer (?:available|listed|supported))\b",
        r"\bdelist\w*",
        r"\b(?:not|no longer) (?:tradable|tradeable)\b",
        r"\btrading (?:is )?(?:not allowed|not open(?:ed)?|disabled|closed|halted|suspended"
        r"|paused|stopped)\b",
        r"\b(?:opening|open) soon\b",
        r"\bwill soon be available\b",
        r"\boff shelf\b",
        # the market's hours, not the request: "Symbol is not in trading status", "No trading
        # window could be found for the symbol", "outside trading hours"
        r"\bnot in (?:a |the )?trading (?:status|state|hours|session|period)\b",
        r"\bno trading (?:window|session|hours)\b",
        r"\bcancel only (?:mode|state|status)\b",
        r"\boutside (?:of )?(?:the )?trading (?:hours|session|window|time)\b",
    ),
    _rule(
        "NoChange",
        r"\bno changes?\b",
        r"\bnot (?:been )?(?:changed|modified)\b",
        r"\bunchanged\b",
        r"\bsame as (?:the )?(?:original|current|previous|existing|old)\b",
        r"\balready (?:been )?(?:set|the same|on the|enabled|disabled|using|at)\b",
        r"\bno need to\b",
        r"\bnothing to (?:change|update|modify)\b",
        r"\balready (?:subscribed|unsubscribed|logged in|connected)\b",
    ),
    _rule(
        "InvalidAddress",
        *_spoken("InvalidAddress"),
        # (how many addresses one may hold is a cap, not a wrong address:
        # "max_addr_count_exceeded")
        r"\b(?=address)(?<!\bip )(?<!\bemail )(?<!\be mail )(?<!\bwhitelist )(?<!limit of )"
        r"(?<!limit of allowed )(?<!number of )(?<!count of )address(?:es)?\b"
        r"(?! book| count| number| quantity)",
        r"\bmemo\b",
        r"\b(?:destination|address) tag\b",
        r"\b(?:requires?|missing|invalid|wrong) (?:a )?(?:tag|memo)\b",
    ),
    _rule(
        "PermissionDenied",
        rf"\b(?:no|insufficient|incorrect|wrong|lacks?|lacking|without|missing|not have) {_gap(2)}"
        r"permissions?\b",
        r"\b(?:invalid|illegal|unauthori[sz]ed|wrong|unknown|unmatched|mismatched)"
        r" ip(?: address)?\b",
        r"\bvip ?\d* (?:and|or) (?:above|higher)\b",
        *_spoken("PermissionDenied"),
        rf"\bpermissions? (?:denied|required|insufficient|{_gap(3)}(?:not|abnormal))\b",
        r"\bno (?:\w+ )?(?:authority|access|rights?)\b",
        r"\bden(?:y|ied)\b",
        r"\bregulat\w*",
        # ("Access is currently unavailable for your region": not an outage)
        r"\b(?:in|from|for) (?:the |your )?(?:country|countries|region|location|jurisdiction)\b",
        # (a sub-account that does not exist, or a field of one left empty, is a wrong
        # parameter: "sub account does not exist", "Sub-account Name cannot be null")
        rf"\b(?:sub ?accounts?|subaccounts?) (?!{_gap(3)}(?:(?:does )?not exists?|doesnt exist"
        rf"|not found|(?:could|can) not be found|(?:cannot|can not|cant) be (?:empty|null|blank)))"
        rf"{_gap(3)}(?:not|cannot|can not|cant)\b",
        r"\bnot (?:currently )?(?:an? (?:\w+ )?)?(?:broker|trader|merchant|novice user)\b",
        r"\bnot (?:a )?(?:main|custody) account\b",
        r"\bnot an? (?:\w+ )?users? of\b",
        r"\bprohibit\w*",
        r"\bdisallow\w*",
        r"\bunbound ip\b",
        r"\bblack ?list\w*",
        r"\bforbidden\b",
        rf"\b(?:ip|region|country|countries|location|jurisdiction|area)\b {_gap(4)}"
        r"(?:not (?:allowed|supported|whitelisted|on)|restrict\w*|limited|blocked)\b",
        r"\b(?:users?|clients?) in (?:this|your) (?:country|region|location)\b",
        r"\bwhite ?list\w*|\ballow ?list\w*",
        r"\brestrict\w*",
        r"\brestrain\w*",
        # (what is disabled "temporarily" comes back: ExchangeNotAvailable's)
        r"\b(?<!temporarily )(?<!temporary )(?:disabled?|blocked)\b(?! temporar)",
        r"\b(?:does|do) not belong to\b",
        rf"\b(?:only|not) (?:available|allowed|open) (?:to|for) {_gap(2)}"
        r"(?:users?|accounts?|brokers?|members?|vip)\b",
        # a user held to some orders, an account that broke the trading rules: the account is
        # restricted, the order is not wrong ("User can only place reduce only order")
        # ("you can only place a limit order during call auction" is the market's phase)
        r"\b(?:users?|accounts?) (?:can|may) only (?:place|open|submit|trade|use)\b",
        rf"\b(?:trading|risk|control|quantitative|platform|compliance|usage) rules? {_gap(6)}"
        r"(?:violated|triggered)\b",
        # a tier or level below what a feature asks ("Your trading fee tier doesn't meet the
        # requirement to access this channel")
        rf"\b(?:vip|fee|trading|account|user) {_gap(1)}(?:tiers?|levels?) {_gap(2)}(?:does not"
        r"|doesnt|do not|dont|not) meet\b",
        # what a sub-account may not use ("unavailable_in_subaccount")
        r"\b(?:unavailable|not available|not allowed|not permitted|forbidden) (?:in|for|to)"
        r" (?:an? |the )?sub ?accounts?\b",
        r"\bviolat\w* (?:of )?(?:the |our |current )?(?:\w+ )?(?:trading|risk control|platform"
        r"|compliance|usage) rules?\b",
        # who may use an endpoint: "can only be accessed by unified account users"
        r"\b(?:can only|cannot|can not|cant|may only|only) be accessed by\b",
        r"\b(?:only|not) accessible (?:to|by)\b",
        # a quota on moving funds out is the account's allowance, not a wrong request:
        # "Exceeded daily withdrawal limit", "Withdrawal limited", "Transfer amount exceed your
        # daily limit" (a withdrawal beyond a risk limit, or too frequent, says other words)
        rf"\b(?:withdraw\w*|transfer\w*) {_gap(1)}(?:limit|limited|caps?|quotas?)\b",
        rf"\b(?:withdraw\w*|transfer\w*) {_gap(3)}(?:exceed\w*|beyond|reached) {_gap(1)}"
        rf"(?:daily|24 ?h|24 hours?|monthly) {_gap(1)}(?:limit|cap|quota)s?\b",
    ),
    _rule(
        "ExchangeNotAvailable",
        r"\binternal (?:server )?errors?\b",
        r"\binternal $(?<=^ internal )",  # the whole text (a word first: "^ " scans slowly)
        r"\b(?:temporarily |currently )?overloaded\b",
        *_spoken("ExchangeNotAvailable"),
        r"\b(?:server|system)s? (?:is )?(?:error|busy|exception|abnormal\w*|overload\w*"
        r"|unavailable|not responding)\b",
        r"\binternal (?:server |system )?(?:error|exception)s?\b",
        r"\berr(?:or)? internal\b",
        rf"\bservices? {_gap(2)}(?:unavailable|not available|busy|error|exception|overload\w*)\b",
        r"\b(?:temporar\w*|currently) (?:\w+ )?(?:unavailable|not available)\b",
        # a function switched off for a while comes back: "This function is unavailable
        # temporarily", "API withdrawal operation is disabled temporarily", "temporarily
        # disabled due to high utilization. Please retry later." (an account that is, is not)
        r"\b(?:unavailable|not available|disabled|suspended|switched off|turned off|offline)"
        r" temporar\w*",
        # ("Market order temporarily suspended. Please send limit order": the order type)
        r"\b(?<!order )(?<!orders )(?<!order is )(?<!orders are )(?<!modifications are )"
        r"temporar\w* (?:been )?(?:disabled|suspended|switched off"
        r"|turned off|offline)\b",
        r"\btemporally not available\b",
        # a server or system shutting down restarts; a service shutting down ends (NotSupported)
        rf"\b(?:server|system)s? {_gap(1)}(?:restart\w*|stopping|resync\w*|shutting down"
        r"|disruption)\b",
        rf"\bservices? {_gap(1)}(?:restart\w*|stopping|resync\w*|disruption)\b",
        rf"\b(?:api|endpoint|interface)s? {_gap(3)}(?:offline|unavailable)\b",
        # a server-side queue or buffer that is full drains: overload, not a wrong request
        r"\b(?:queue|buffer)s? (?:is |are )?full\b",
        r"\bnot ready\b",
        r"\bnetwork (?:error|exception|failure|issue)",
        r"\bdisconnect\w*",
        r"\bnot connect\w*",
        # a remote call that failed is transient; "See JSON-RPC spec." only names the protocol
        r"\brpc (?:calls? )?(?:timeout|timed out|failure|failed|unavailable)\b",
        r"\bunexpected response\b",
        r"\bmessage bus\b",
        r"\bbusy\b",
        r"\bbad gateway\b",
        r"\bexecution status unknown\b",
        r"\bfailed (?:please )?try again later\b",
        # "Request can't be processed right now and should be retried." (not now: later)
        rf"\b(?:cannot|can not|cant|unable to|could not) (?:be )?process\w* {_gap(2)}(?:right now"
        r"|at (?:the|this) (?:moment|time)|temporarily)\b",
    ),
    _rule(
        "AuthenticationError",
        r"\bsignatures?\b",
        r"\bsign\b",
        r"\bapi ?keys?\b",
        r"\bsecret\b",
        r"\baccess ?key\b",
        r"\bpassphrase\b",
        r"\bunauthori[sz]ed\b",
        r"\bnot authori[sz]ed\b",
        r"\bauthenticat\w*",
        r"\bauthori[sz]ation\b",
        r"\blog ?ins?\b",
        r"\blogged in\b",
        r"\bcredentials?\b",
        r"\b(?:access|auth|invalid|expired) token\b",
        r"\bpassword\b",
        r"\b(?:google|sms|email|message|2nd|second|two factor|security|api) (?:\w+ )?"
        r"verification\b",
        r"\bverification code\b",
        r"\b2fa\b",
        r"\bkeys?\b",
        r"\bhmac\b",
        r"\bjwt\b",
        r"\bauth\b",
        *_spoken("AuthenticationError"),
        rf"\buser {_gap(2)}(?:not exist\w*|does not exist|doesnt exist|not found|not registered)\b",
        r"\bno (?:documented )?user\b",
    ),
    _rule(
        "BadSymbol",
        *_spoken("BadSymbol"),
        rf"\b(?:invalid|unknown|bad|wrong|illegal|unsupported|incorrect|no such|non existent"
        rf"|nonexistent) (?:\w+ )?{_SYMBOL}s?\b(?! (?:status|type|order|price|data|depth|info\w*))",
        rf"\b{_SYMBOL}s? {_gap(2)}(?:not (?:exists?|found|supported|support|listed|available"
        r"|valid)|does not exist|doesnt exist|is invalid|invalid|unsupported|incorrect|wrong)\b",
        r"\bno (?:trading )?market information\b",
        rf"\bnot an? (?:valid|supported|known|recogni[sz]ed|listed) {_SYMBOL}\b",
        r"\bno such contract\b",
        # a contract that names none ("Contract not found", "The contract has been removed");
        # one not open yet or being settled is ContractUnavailable's
        r"\bcontracts? (?:is |was |has been |have been )?(?:not (?:exists?|found)|does not exist"
        r"|doesnt exist|removed)\b",
    ),
    _rule(
        "OrderImmediatelyFillable",
        *_spoken("OrderImmediatelyFillable"),
        rf"\b(?:would|will|could|may) {_gap(2)}(?:immediately|instantly) (?:trigger|match|fill"
        r"|execute|take|trade)\w*",
        r"\b(?:immediately|instantly) (?:trigger|match|fill|execut|take|trade)\w*",
        r"\b(?=be )(?<!not )(?<!liquidation will )be (?:triggered|matched|filled|executed)"
        r" (?:immediately"
        r"|instantly)\b",
        r"\bpost ?only\b",
        # a passive (maker) order whose price would cross the book
        r"\b(?:would|will|may|could) (?:\w+ )?cross(?:es)?\b(?! margin)|\bwillcross\b",
        r"\bmaker ?only\b",
        r"\bfilled as (?:a )?maker\b",
        rf"\b(?:gtx|maker) {_gap(2)}(?:reject\w*|cancel\w*|expired)\b",
    ),
    _rule(
        "OrderNotFillable",
        *_spoken("OrderNotFillable"),
        r"\bunable to (?:be )?fill\w*",
        r"\b(?:cannot|can not|could not|couldnt|cant|not) (?:be )?(?:fully )?fill(?:ed)?\b",
        r"\bnot fillable\b",
        r"\bno (?:\w+ )?(?:counter ?party|counter ?parties|liquidity|depth|opponent|offers?)\b",
        r"\bcounter ?part(?:y|ies|ys)\b",
        r"\binsufficient (?:liquidity|depth)\b",
        rf"\b(?:ioc|fok|immediate or cancel|fill or kill)\b {_gap(3)}(?:could not|cannot|can not"
        r"|couldnt|not|unable to) (?:be )?(?:fully )?(?:matched|filled|executed)\b",
    ),
    # A duplicated id that is not an order's (a transfer's, a request's, a batch's): the request
    # to fix, not an order ("TransferId exist", "reqId is duplicated", "Duplicate request (bizId
    # can only be requested once)", `DUPLICATED_CLIENT_TRAN_ID`, a transfer's client id).
    _rule(
        "BadRequest",
        # ("Duplicate order request" is an order's)
        r"\b(?:duplicate|duplicated|repeated) (?:(?!orders?\b)\w+ ){0,2}(?:transfer|tran|request"
        r"|req|biz|options?|withdraw\w*|transaction)(?: ids?)?\b",
        rf"\b(?:transfer|tran|request|req|biz|options?|withdraw\w*|transaction) ids? {_gap(3)}"
        r"(?:duplicate\w*|already (?:exists?|existed|used|in use)|repeat\w*|(?:must|should)"
        r" be unique|not unique|in use)\b",
        # ("TransferId exist"; "does not exist" is another rule's)
        r"\b(?:transfer|tran|request|req|biz|options?|withdraw\w*|transaction) ids? (?:already )?"
        r"exists?\b",
    ),
    _rule(
        "DuplicateOrderId",
        *_spoken("DuplicateOrderId"),
        rf"\b(?:duplicate|duplicated|repeated|repeat) {_gap(2)}(?:clients? {_gap(2)})?"
        r"(?:order )?(?:id|oid|cl ord id)s?\b",
        rf"\b(?:clients? {_gap(2)}(?:id|oid)|cl ord id|order ids?|client id)s? {_gap(3)}"
        r"(?:duplicate\w*|already (?:exists?|existed|used|in use)|repeat\w*|(?:must|should) be"
        r" unique|not unique|in use)\b",
        # a client-chosen order id that "exists" is taken; "does not exist" is another rule's
        r"\b(?:client order|client) ids? (?:already )?exists?\b",
    ),
    _rule(
        "OrderNotFound",
        rf"\borders?\b(?! (?:{_ORDER_ATTR})\b) {_gap(8)}(?:not (?:be )?found|not exists?"
        r"|does not exist|doesnt exist|no longer (?:exists?|available)|nonexist\w*|non existent"
        r"|archived)\b",
        rf"\b(?:no|unknown|no such|non existent|nonexistent) (?:\w+ )?orders?\b"
        rf"(?! (?:{_ORDER_ATTR})\b)",
        # an order that is already done cannot be found among the open ones
        rf"\borders?\b(?! (?:{_ORDER_ATTR})\b) {_gap(6)}(?:is |has |have |was |were )?(?:already"
        r" |been )+(?:been )?(?:cancell?ed|filled|closed|completed|finished|expired|deleted"
        r"|executed)\b",
        *_spoken("OrderNotFound"),
        # only an order gets filled: "already_filled" needs no order word
        r"\balready (?:been )?(?:fully )?filled\b",
    ),
    # A setting that cannot change while orders or positions are open: the state refuses it,
    # whatever order words the text has ("Margin type cannot be changed if there exists open
    # orders", THERE_EXISTS_OPEN_ORDERS).
    _rule(
        "OperationRejected",
        rf"\b(?:cannot|can not|cant|unable to|not (?:allowed|possible|able) to) (?:be )?"
        rf"(?:change|changed|modify|modified|switch|switched|adjust|adjusted|set|reset) {_gap(5)}"
        rf"(?:if|while|when|with|due to|because|as) {_gap(3)}(?:orders?|positions?)\b",
        # the same said the other way round: "You have existing open orders, so the position
        # mode cannot be switched."
        rf"\b(?:orders?|positions?) {_gap(3)}so {_gap(4)}(?:cannot|can not|cant|unable to)"
        r" (?:be )?(?:change|changed|modify|modified|switch|switched|adjust|adjusted|set|reset)\b",
        r"\bthere (?:exists?|are|is) (?:an? )?(?:open |active |pending |existing )?"
        r"(?:orders?|positions?)\b",
        # "Leverage reduction is not supported in Isolated Margin Mode with open positions"
        rf"\bnot (?:be )?supported {_gap(6)}(?:with|while|when|if) (?:there (?:are|is) )?"
        r"(?:an? )?(?:open|active|pending|existing) (?:orders?|positions?)\b",
        # the account holds as many open orders as it may: the state, not the new order, is at
        # its limit ("Reach max open order limit", MAX_STOP_ORDER_EXCEEDED)
        rf"\b(?:max\w*|number of|total|count of) {_gap(2)}(?:open|active|pending|conditional"
        rf"|stop|stop loss|trigger|algo|bracket) orders?\b(?! (?:prices?|qty|quantity|amount|size"
        rf"|value|notional)\b) {_gap(2)}(?:limit|exceed\w*|reached)\b",
    ),
    # An order (or its type) the exchange does not take is an order to change, not a missing
    # feature: "This order type does not support cancellation", "Market Order is not supported
    # within the first 5 minutes".
    _rule(
        "InvalidOrder",
        r"\b(?:order ?types?|orders?) (?:is |are |does |do )?(?:not (?:be )?supported|unsupported"
        r"|not support\w*|doesnt support\w*|disabled)\b",
        # an order's option the market does not take ("The current order parameter combination
        # is not supported", "Time in force GTX is not supported for market orders")
        r"\b(?:order (?:param\w* )?combination|time in force|tif|order (?:option|flag)s?)"
        rf" {_gap(2)}(?:is |are )?(?:not (?:be )?supported|unsupported)\b",
        # a buy or an order past the position's cap ("Purchase failed: Exceed the maximum
        # position limit", "Not allowed to exceeded position limits", "Cannot exceed the maximum
        # position"); a loan or transfer reaching a cap is not an order (NON_ORDER)
        r"\b(?:exceed\w*|reached|reach|beyond) (?:the )?(?:max\w* )?(?:allowable |allowed )?"
        r"positions? limits?\b",
        r"\b(?:cannot|can not|cant) exceed (?:the )?max\w* positions?\b",
    ),
    # The shape of the request, whatever it is about: how many items one batch holds ("Invalid
    # number of batch place orders", "Maximum {param0} orders can be placed in bulk"), a
    # combination of arguments not taken ("The specified combination of arguments is not
    # supported"), a market's filter setting out of range, which is no order's price or
    # quantity ("Tick size less than zero", "Max qty less than min qty", "Invalid price spread
    # threshold": the definition of a symbol's filters, not an order breaking them).
    _rule(
        "BadRequest",
        rf"\b(?:batch|bulk) {_gap(3)}(?:size|number|count)\b|\b(?:size|number|count) of "
        rf"{_gap(2)}(?:batch|bulk)\b|\bcan be placed in (?:a )?(?:batch|bulk)\b",
        # (an order's own combination is the order's: "Unsupported order combination")
        rf"\b(?:(?<!order )(?:arg\w*|param\w*) combinations?|combinations? of (?:arg\w*|param\w*"
        rf"|fields?)) {_gap(3)}(?:not (?:be )?supported|unsupported)\b"
        r"|\bunsupported (?:arg\w* |param\w* )combinations?\b",
        rf"^ (?:the )?(?:{_FILTER_SETTING}) {_gap(3)}(?:less than (?:zero|0|min\w*)"
        r"|(?:precision )?(?:is )?(?:invalid|incorrect)|too large)\b",
        rf"\b(?:invalid|illegal|incorrect) (?:{_FILTER_SETTING})\b",
    ),
    # What is not supported for the value the request chose (this currency, the selected coin)
    # is a parameter to change, not a missing feature: "Cross Margin Trading not yet supported
    # by the selected coin", "Borrowing isn't supported for this currency", "The currency does
    # not support subscription".
    _rule(
        "BadRequest",
        rf"\b(?:not (?:yet )?supported|isnt supported|arent supported|unsupported) {_gap(2)}"
        r"(?:for|by|with|on|in) (?:this|these|the selected|the chosen|the specified|the current"
        r"|that|your) (?:currenc(?:y|ies)|coins?|symbols?|pairs?|trading pairs?|instruments?"
        r"|assets?|tokens?|cryptos?|chains?|networks?)\b",
        r"\b(?:this|these|the selected|the chosen|the specified|the current|that|the) "
        r"(?:currenc(?:y|ies)|coins?|assets?|tokens?|cryptos?|chains?|networks?) "
        r"(?:\w+ )?(?:(?:is|are) not supported|(?:does|do) not support|doesnt support"
        r"|dont support)\b",
    ),
    _rule(
        "NotSupported",
        r"\bnot (?:be )?supported\b",
        r"\bunsupported\b(?! (?:media|order|param\w*|values?|types?|formats?|fields?|characters?"
        r"|precision|content|args?|arguments?|combinations?))",
        r"\b(?:does|do|did) ?n?o?t support\w*",
        *_spoken("NotSupported"),
        r"\bdoesnt support\w*",
        r"\bnot support\w*",
        r"\bcoming soon\b",
        r"\bupcoming\b",
        r"\bnot (?:yet )?implemented\b",
        r"\bdeprecated\b",
        # gone for good: waiting does not bring it back ("This service is no longer available.")
        r"\bno longer (?:available|supported|offered|provided|in service|in use)\b",
        r"\b(?:discontinued|decommissioned)\b",
    ),
    # Generic: words that say only "the request is wrong" or "refused".
    _rule(
        "ExchangeError",
        r"\bunknown (?:error|exception)\b",
        r"^ unknown $",
        r"\bexchange error\b",
        r"\bunexpected error\b",
        r"\berror (?:has )?occurr?ed\b",
        r"\brequest (?:failed|error)\b",
        r"\ball operations failed\b",
        r"\bpartially (?:succeeded|failed)\b",
        generic=True,
    ),
    # The syntax of a field (its format, length, characters) is the request's shape, whatever
    # the field is about: "clientOid or clientOrderId length cannot greater than 50", "orderId
    # or clientOId format error", "Amount length max 113". Before the order words.
    _rule(
        "BadRequest",
        r"\b(?:formats?|lengths?|len|characters?|chars|syntax|json|martian)\b",
        r"\b(?:can|must|should) only (?:be |contain |include )?(?:numbers|digits|letters)\b",
        generic=True,
    ),
    _rule(
        "InvalidOrder",
        # Order words only: a position, its margin or leverage is not an order ("the position is
        # in cross margin mode", "cannot set leverage"), whatever the next words say.
        r"\b(?:orders?|prices?|qty|quantity|quantities|amount|size|notional|cost|volume|tick|step"
        r"|lot ?size|precision|time in force|tif|gtc|ioc|fok|gtx|reduce only|close position"
        r"|stop|stop loss|take profit|tp|sl|tpsl|trigger|position side|side"
        r"|buy|sell|bid|ask|filter|multiplier|algo|cl ord|client order|self trade"
        r"|exec ?inst|exec type)\b",
        *_spoken("generic InvalidOrder"),
        # a cancel refused is about the order ("CANCEL_REJECTED"), unless a message says more
        # ("… as open order not found")
        r"\bcancel\w* (?:request )?(?:was |is |has been )?rejected\b",
        generic=True,
    ),
    _rule(
        "BadRequest",
        r"\b(?:invalid|illegal|incorrect|wrong|malformed|erorr|error)\b",
        *_spoken("generic BadRequest"),
        r"\bonly supports?\b|\bsupported only\b|\bunsupported\b|\bnot supported\b",
        r"\b(?:formats?|syntax|json|param\w*|arguments?|fields?|lengths?|characters?|digits)\b",
        r"\bnot (?:valid|correct)\b",
        r"\b(?:must|should) (?:not )?(?:be|have|contain|only)\b(?! retried\b)",
        r"\bidentical\b",
        rf"\bno {_gap(4)}found\b",
        r"\bno (?:\w+ )?(?:records?|data)\b",
        r"\bnot in range\b",
        r"\bneeds? to be\b",
        r"\bout of range\b",
        r"\b(?:less|greater|more|higher|lower|smaller|larger|bigger) than\b",
        r"\btoo (?:long|short|large|small|big|low|high|many)\b",
        r"\b(?:below|above|between|minimum|maximum|exceeds? the allowed)\b",
        r"\bnot (?:found|exists?)\b",
        r"\b(?:does not|doesnt|do not|dont) exist\b",
        r"\b(?:cannot|can not|cant|could not|unable to) (?:find|be found)\b",
        r"\b(?:not match\w*|mismatch\w*|inconsistent|not consistent)\b"
        r"|\b(?:does not|doesnt|do not|dont) match\b",
        r"\bunknown\b",
        r"\bnot acceptable\b",
        r"\bmethod (?:is )?not allowed\b",
        # two parameters that must differ, a query window too wide: the request, not the state
        r"\b(?:cannot|can not|cant|must not|should not|may not) be (?:the )?same\b",
        rf"\b(?:start|end|begin) (?:and end )?(?:time|date)s? {_gap(2)}"
        r"(?:cannot |can not |must not )?(?:exceed\w*|greater than|more than|longer than"
        r"|later than|earlier than)",
        r"\b(?:date|time|query) (?:range|span|window) (?:\w+ )?(?:exceed\w*|too long|too large)\b",
        r"\bdate exceeds\b|\bcan only query\b",
        r"\b(?:client error|bad request)\b",
        # an amount that is "not enough" is too small ("Amount not enough for fee"), one that
        # exceeds a bound is too large ("Amount to borrow has exceeded the user's estimated max.
        # amount to borrow"): the parameter is out of range. An order's amount meets the
        # InvalidOrder rule first.
        r"\b(?:amount|quantity|qty|size|volume|value)s? (?:is |are )?not enough\b",
        rf"\b(?:amount|quantity|qty|volume)s? {_gap(4)}(?:exceed\w*|beyond)\b",
        r"\bduplicate\w*",
        r"\brepeat\w*",
        generic=True,
    ),
    _rule(
        "OperationRejected",
        r"\bnot (?:allow\w*|possible|permitted)\b",
        r"\b(?:can only|limit|limited|beyond|before|first|closed|exceed\w*)\b",
        r"\b(?:cannot|can not|cant|could not|unable to|not able to)\b",
        rf"\bexceed\w* {_gap(3)}(?:limit|maximum|max)\b",
        rf"\b(?:limit|maximum|max) {_gap(2)}(?:reached|exceeded)\b",
        r"\b(?:reached|already|pending|rejected|refused|conflict\w*|liquidat\w*|risk\w*"
        r"|forbid\w*|frozen|suspended)\b",
        r"\bin (?:progress|process)\b",
        r"\bprocessing\b",
        r"\bfail\w*",
        r"\bno operation\b",
        rf"\bnot {_gap(1)}(?:open|opened|available|started|enabled|turned on|satisfied|met"
        r"|\w+able)\b",
        r"\b(?:has been|is|already) (?:used|bound)\b",
        r"\bexpired\b",
        r"\bhasnt started\b",
        generic=True,
    ),
    # In a section about the request only, and there first: words that say a parameter is
    # wrong or name one ("INVALID_SIDE", "BAD_PRECISION", "TimeInForce parameter sent when not
    # required"). A bound on an order's value ("ORDER_PRICE_TOO_HIGH") is no such word: it
    # stays the order's.
    _rule(
        "BadRequest",
        r"\b(?:invalid|illegal|incorrect|wrong|malformed|bad)\b",
        r"\bnot (?:valid|correct)\b",
        r"\b(?:param\w*|arguments?|fields?|formats?|syntax|json)\b",
        r"\b(?:must|should) (?:not )?be\b(?! retried\b)",
        generic=True,
        section=True,
    ),
)

# The rules in the order they are tried: the specific ones, then the generic ones.
_INDEXED = tuple(enumerate(RULES))
PHASES: tuple[tuple[tuple[int, Rule], ...], ...] = (
    tuple(ir for ir in _INDEXED if not ir[1].generic),
    tuple(ir for ir in _INDEXED if ir[1].generic and not ir[1].section),
)
# A section whose title says its errors are about the request itself ("11xx - Request issues",
# "Request parameter or format related"): words about a parameter anywhere in the entry decide
# before its order words ("INVALID_SIDE", "Invalid side." there is a bad request); an entry
# without such words is read as elsewhere ("NEW_ORDER_REJECTED" stays an order's rejection).
# ("Rate limit requests" or "Request weight" is no such title.)
REQUEST_GROUP = re.compile(
    r"\b(?:requests? (?:issues?|errors?|problems?|param\w*|validation|formats?)|param\w*"
    r"|arguments?|validation|formats? (?:issues?|errors?|related))\b"
)
REQUEST_PHASES = (
    PHASES[0],
    tuple(ir for ir in _INDEXED if ir[1].section),
    PHASES[1],
)
# A heading names codes too ("Messages for -1010 BAD_REQUEST, -2010 NEW_ORDER_REJECTED"): what
# a section is about is said by its other words.
_CODE_NAMES = re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b|-?\b\d+\w*")

# A documented HTTP status decides only when no words did.
HTTP_RULES: dict[int, str] = {
    400: "BadRequest",
    401: "AuthenticationError",
    403: "PermissionDenied",
    404: "BadRequest",
    405: "BadRequest",
    408: "RequestTimeout",
    409: "OperationRejected",
    418: "DDoSProtection",
    429: "RateLimitExceeded",
    500: "ExchangeNotAvailable",
    502: "ExchangeNotAvailable",
    503: "ExchangeNotAvailable",
    504: "RequestTimeout",
}

# "Please try again" makes an entry retryable, unless the same sentence first asks for a fix
# ("adjust the amount and try again") or the category says the request itself is wrong.
RETRY_PHRASE = re.compile(
    r"\b(?:please )?(?:try|retry) (?:again )?(?:later|after|in a (?:few|moment|while|bit)"
    r"|in \d+|shortly|soon)\b|\bplease (?:try again|retry)\b|\btry again\b|\btry it later\b"
    r"|\b(?:please )?reconnect\b"
    # a text that is only the advice ("retry"), or says the request should be retried
    r"|^ (?:please )?retry $|\bshould be retried\b"
)
FIX_FIRST = re.compile(
    r"\b(?:adjust|check|change|modify|correct|reduce|increase|decrease|update|fix|re ?enter"
    r"|resubmit|verify|confirm|cancel|close|transfer|deposit|top up|select|set|use|switch)\b"
    r"(?! only)"
)
# A request whose outcome the exchange does not know ("Execution status unknown", "Send status
# unknown") may have been carried out: sent again blindly, an order is placed twice. Check the
# state (the order, the transfer) first: such an entry is not retryable, whatever its class.
UNKNOWN_OUTCOME = re.compile(
    r"\b(?:execution|send|order|request|transaction|processing) (?:status|result|outcome)"
    r" (?:is )?unknown\b|\b(?:status|result|outcome) (?:is )?unknown\b"
    # "does not mean that the request was successful or failed" (OKX 51149)
    r"|\bdoes not (?:mean|indicate) (?:that )?the (?:request|order)s? (?:was |is |has been )?"
    r"(?:successful|succeeded|success|failed)\b"
    # a timeout while creating something leaves it created or not ("Order creation timeout");
    # a cancel sent again does no harm
    r"|\b(?:orders?|withdrawals?|transfers?) (?:creation|placement|submission|placing|creating)"
    r" (?:has )?(?:timed out|time ?out)\b"
)
# An order rejected "please try again" must change first ("order amount is less than 5, please
# try again"); only a wait ("try again later") says the same order may pass.
LATER = re.compile(r"\b(?:later|after|in|shortly|soon)\b")
NOT_RETRY_FAMILIES = (
    "AuthenticationError",
    "ArgumentsRequired",
    "BadRequest",
    "InsufficientFunds",
    "InvalidAddress",
    "NotSupported",
)

# "2FA", "VIP4" and "v5API" stay whole: a digit before capitals starts no word
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_JOINED = re.compile(
    r"\b(order|client|algo|inst|api)(id|oid|key|qty|type|price|side|status|size|amount)\b"
)
# Letters of other scripts are kept (Cyrillic, Greek, Thai, kana, Hangul, ideographs): their
# words are in scraper/data/meanings.json.
_NON_WORD = re.compile(
    r"[^a-z0-9%\u0370-\u03ff\u0400-\u04ff\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf"
    r"\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f]+"
)


def _unaccented() -> dict[int, str]:
    """Latin letters to the letters without their marks ("á" → "a", "ş" → "s", "ư" → "u"):
    messages are written with and without them ("Parámetro inválido", "Parametro invalido"),
    and a letter read as a word break would cut a word in two. Only Latin letters: Hangul and
    kana would fall apart into their parts."""
    table: dict[int, str] = {0x0131: "i", 0x0111: "d", 0x00F0: "d", 0x00F8: "o", 0x0142: "l"}
    table.update(dict.fromkeys(range(0x0300, 0x0370), ""))  # marks written apart ("i̇")
    for start, end in ((0x00C0, 0x0250), (0x1E00, 0x1F00)):
        for point in range(start, end):
            base = unicodedata.normalize("NFD", chr(point))[0]
            if base.isascii() and base.isalpha():
                table.setdefault(point, base.lower())
    return table


_UNACCENTED = _unaccented()
# Short forms in snake_case names and terse messages ("invalid_addr", "insuff_balance").
_SHORT = {
    "addr": "address",
    "amt": "amount",
    "acct": "account",
    "pwd": "password",
    "insuff": "insufficient",
    "sig": "signature",
    "perm": "permission",
}
_SHORT_WORD = re.compile(r"\b(?:" + "|".join(_SHORT) + r")\b")
_ORD = re.compile(r"(?<!\bcl )\bord\b")  # TE_ORD_STATUS…; "cl ord id" has its own rules


# Each text is read several times per entry (success, the rules, the retry advice) and the same
# messages recur across an exchange's codes: the words of a text are kept.
@lru_cache(maxsize=16384)
def words(text: str) -> str:
    """Lower-case words of a name or message, camelCase and snake_case split, space-padded.

    >>> words("Parameter instId cannot be empty.")
    ' parameter inst id cannot be empty '
    >>> words("TOO_MANY_REQUESTS; don't")
    ' too many requests dont '
    >>> words("invalid_addr"), words("合约品种不存在。")
    (' invalid address ', ' 合约品种不存在 ')
    >>> words("Parámetro inválido"), words("Недостаточно средств!")
    (' parametro invalido ', ' недостаточно средств ')
    """
    text = _CAMEL.sub(" ", text).lower().replace("'", "").replace("\u2019", "")
    if not text.isascii():
        text = text.translate(_UNACCENTED)
    text = _NON_WORD.sub(" ", text)
    text = _JOINED.sub(r"\1 \2", text)
    text = _SHORT_WORD.sub(lambda m: _SHORT[m.group(0)], text)
    text = _ORD.sub("order", text)
    return f" {text.strip()} "


@dataclass(frozen=True)
class Verdict:
    """What :func:`categorize` decided for one entry.

    ``success``: the document gives the entry as success, not an error; it has no category.
    """

    category: str | None
    retryable: bool
    reason: str
    success: bool = field(default=False, repr=False)
    rule: str | None = field(default=None, repr=False, compare=False)  # see rule_id()


# A success code listed in the error table ("0 | Success", "1000 | OK", "SUCCESS", "200 | The
# request is successful"): every text of the entry says success and none says anything failed.
SUCCESS_TEXT = re.compile(
    r"^ (?:the )?(?:request |operation |call |response |business )?(?:is |was |has been )?"
    r"(?:ok|okay|success|successful|successfully|succeeded|succeed|succeeds)\b"
    r"|^ request (?:is )?valid $|^ no error $"
    # "成功", "성공", "Успешно", "Éxito" (scraper/data/meanings.json)
    + "".join(f"|^ (?:{phrases})" for phrases in _spoken("success"))
)
NOT_SUCCESS = re.compile(
    r"\b(?:fail\w*|errors?|not|no|invalid|partial\w*|partly|but|except|unless|however"
    r"|reject\w*|cancel\w*|some|pending|processing|timeout|unknown|exceeds?)\b"
    # "成功しませんでした", "성공하지 못했습니다", "Éxito parcial" (scraper/data/meanings.json)
    + "".join(f"|{phrases}" for phrases in _spoken("not success"))
)


ZERO_CODE = re.compile(r"^0+$")
# "No error" says success, though both of its words would say failure on their own.
NO_ERROR = re.compile(r"\bno errors?\b")


def success_reason(entry: Entry) -> str | None:
    """The words that give ``entry`` as success, or ``None`` when it is an error.

    >>> success_reason(Entry("0", messages=("Success",)))
    "success:'success'"
    >>> success_reason(Entry("0", description="Success, No error."))
    "success:'success'"
    >>> success_reason(Entry("1", messages=("Partially successful",))) is None
    True
    >>> success_reason(Entry("0", http_status=200))  # OKX: "| 0 | 200 |  |"
    'success:code 0, nothing else said'
    """
    texts = [t for _, _, t in _texts(entry) if t.strip()]
    if not texts:
        # Code 0 is success by the common convention; listed alone, a page says no more.
        zero = ZERO_CODE.match(entry.code) and (entry.http_status or 200) // 100 == 2
        return "success:code 0, nothing else said" if zero else None
    if any(NOT_SUCCESS.search(NO_ERROR.sub(" ", t)) for t in texts):
        return None
    found = [SUCCESS_TEXT.search(t) for t in texts]
    if not all(found):
        return None
    return f"success:'{found[0].group(0).strip()}'"  # type: ignore[union-attr]


@dataclass(frozen=True)
class Override:
    """A source's correction for one code (``surface`` ``None``: every surface)."""

    code: str
    surface: str | None = None
    category: str | None = None
    retryable: bool | None = None

    def applies(self, entry: Entry) -> bool:
        return entry.code.casefold() == self.code.casefold() and self.surface in (
            None,
            entry.surface,
        )


def parse_overrides(table: Mapping[str, Any], where: str = "overrides") -> tuple[Override, ...]:
    """Read a source's ``[overrides]`` table; raise :class:`SourceError` naming the bad key.

    A key is a code, or ``"websocket:CODE"`` / ``"rest:CODE"`` for one surface; a value is a
    category name or a table with ``category`` and/or ``retryable``.

    >>> parse_overrides({"-1112": "OrderNotFillable", "websocket:10015": {"retryable": True}})
    (Override(code='-1112', surface=None, category='OrderNotFillable', retryable=None), \
Override(code='10015', surface='websocket', category=None, retryable=True))
    """
    if not isinstance(table, Mapping):
        raise SourceError(f"{where}: key 'overrides' must be a table")
    known = taxonomy().names
    out: list[Override] = []
    for key, value in table.items():
        label = f"{where}: key 'overrides.\"{key}\"'"
        surface, sep, code = key.partition(":")
        if not sep or surface not in SURFACES:
            surface, code = None, key  # type: ignore[assignment]
        if not code.strip():
            raise SourceError(f"{label}: the code is empty")
        if isinstance(value, str):
            value = {"category": value}
        if not isinstance(value, Mapping):
            raise SourceError(
                f"{label}: must be a category name or a table with 'category'/'retryable'"
            )
        extra = sorted(set(value) - {"category", "retryable"})
        if extra:
            raise SourceError(f"{label}: unknown field '{extra[0]}' (allowed: category, retryable)")
        category, retryable = value.get("category"), value.get("retryable")
        if category is None and retryable is None:
            raise SourceError(f"{label}: give 'category', 'retryable' or both")
        if category is not None and category not in known:
            raise SourceError(f"{label}: unknown category {category!r} (see docs/taxonomy.md)")
        if retryable is not None and not isinstance(retryable, bool):
            raise SourceError(f"{label}: 'retryable' must be true or false")
        out.append(
            Override(code=code.strip(), surface=surface, category=category, retryable=retryable)
        )
    return tuple(out)


def _texts(entry: Entry) -> list[tuple[str, str, str]]:
    """(label kind, original text, words) in the order rules read them."""
    texts = []
    if entry.name:
        texts.append(("name", entry.name, words(entry.name)))
    # a placeholder is no word of the message: "{param0}" must not read as "parameter"
    texts.extend(("message", m, words(PLACEHOLDER.sub(" ", m))) for m in entry.messages)
    # The document's own explanation says what a terse message means (Phemex's
    # "REQUEST_IS_DUPLICATED" is "Duplicated request ID"); read after the messages.
    for line in (entry.description or "").splitlines():
        texts.append(("description", line, words(PLACEHOLDER.sub(" ", line))))
    if re.search(r"[A-Za-z]{3}", entry.code):
        texts.append(("code", entry.code, words(entry.code)))
    return texts


def rule_id(index: int, alternative: int) -> str:
    """The name of one alternative of one rule: ``'InvalidOrder:27.0'``."""
    return f"{RULES[index].category}:{index}.{alternative}"


@cache
def _without(index: int, disabled: frozenset[int]) -> re.Pattern[str] | None:
    """The rule's pattern without some alternatives."""
    alternatives = RULES[index].alternatives
    if len(disabled) >= len(alternatives):
        return None
    return _alternation(a for i, a in enumerate(alternatives) if i not in disabled)


def _which(index: int, text: str, at: int, disabled: frozenset[int]) -> int:
    """Which alternative matched at ``at``: the first that matches there, as in the regex."""
    for i, part in enumerate(RULES[index].parts):
        if i not in disabled and part.match(text, at):
            return i
    return 0


def _by_words(entry: Entry, disabled: frozenset[str] = frozenset()) -> tuple[str, str, str] | None:
    texts = _texts(entry)
    # a transfer, withdrawal, loan … named anywhere in the entry: its amounts are not an order's
    group = words(_CODE_NAMES.sub(" ", entry.group or ""))
    context = NON_ORDER.search(group) is not None or any(
        NON_ORDER.search(text) for _, _, text in texts
    )
    request = REQUEST_GROUP.search(group) is not None
    by_kind = {
        kind: [(original, text, not text.isascii()) for k, original, text in texts if k == kind]
        for kind in ("name", "message", "description", "code")
    }
    for phase in REQUEST_PHASES if request else PHASES:
        for kind, kind_texts in by_kind.items():
            if not kind_texts:
                continue
            for index, rule in phase:
                off: frozenset[int] = frozenset()
                if disabled:
                    off = frozenset(
                        i for i in range(len(rule.alternatives)) if rule_id(index, i) in disabled
                    )
                for original, text, other_script in kind_texts:
                    pattern = rule.pattern if other_script else rule.latin
                    if off:  # the benchmark's leave-one-out runs only
                        pattern = _without(index, off)
                    if pattern is None:
                        break
                    found = pattern.search(text)
                    if found is None:
                        continue
                    if (
                        rule.category == "InvalidOrder"
                        and (context or NON_ORDER.search(text))
                        and not ORDER_SUBJECT.match(text)
                    ):
                        continue
                    which = rule_id(index, _which(index, text, found.start(), off))
                    if kind == "name":
                        return rule.category, f"name:{original}", which
                    return rule.category, f"{kind}:'{found.group(0).strip()}'", which
    return None


# A named code documented with many messages of several different meanings is a family of
# errors (Binance's -2010 NEW_ORDER_REJECTED lists "Unknown order sent.", "Market is closed.",
# "Account has insufficient balance for requested action." and 37 more): no one message names
# it. A few wordings of one meaning ("Parameter '%s' is not supported if aboveTimeInForce is not
# GTC.", "TimeInForce (59) must be GTC (1) when MaxFloor (111) is used.") are not one.
FAMILY_MESSAGES = 5
FAMILY_MEANINGS = 3


def _family(entry: Entry) -> Entry:
    """The entry as its category is read: a named family of errors by its name alone, when the
    name says something."""
    if not entry.name or len(entry.messages) < FAMILY_MESSAGES:
        return entry
    meanings = set()
    for message in entry.messages:
        decided = _by_words(Entry(entry.code, group=entry.group, messages=(message,)))
        if decided is not None and decided[0] != FALLBACK:
            meanings.add(decided[0])
            if len(meanings) == FAMILY_MEANINGS:
                named = entry.replace(messages=(), description=None)
                return named if _by_words(named) is not None else entry
    return entry


def _retry_phrase(entry: Entry) -> str | None:
    for message in entry.messages:
        for sentence in re.split(r"[.;!?。]+", message):
            text = words(sentence)
            found = RETRY_PHRASE.search(text)
            if found and not FIX_FIRST.search(text[: found.start()]):
                return found.group(0).strip()
    return None


def categorize(
    entry: Entry, overrides: Iterable[Override] = (), *, disabled: frozenset[str] = frozenset()
) -> Verdict:
    """Category, retry advice and deciding rule for one entry (deterministic).

    ``disabled`` names rule alternatives to skip (:func:`rule_id`), for the benchmark's
    leave-one-exchange-out scoring.

    >>> categorize(Entry(code="103013", messages=(
    ...     "Internal error; unable to process your request. Please try again.",)))
    Verdict(category='ExchangeNotAvailable', retryable=True, reason="message:'internal error'")
    """
    tax = taxonomy()
    overrides = tuple(overrides)
    success = success_reason(entry)
    if success is not None and not any(o.applies(entry) and o.category for o in overrides):
        return Verdict(None, False, success, success=True)
    family = _family(entry)
    decided = _by_words(family, disabled)
    if decided is None and entry.http_status in HTTP_RULES:
        http = f"http:{entry.http_status}"
        decided = HTTP_RULES[entry.http_status], http, http
    category, reason, rule = decided or (FALLBACK, "default", None)
    if family is not entry:
        reason = f"{reason}{FAMILY_MARK}"
    retryable = tax[category].retryable
    unknown = next(
        (found for m in entry.messages if (found := UNKNOWN_OUTCOME.search(words(m)))), None
    )
    if retryable and unknown:
        retryable, reason = False, f"{reason}; no retry:'{unknown.group(0).strip()}'"
    elif not retryable and not any(tax.is_a(category, f) for f in NOT_RETRY_FAMILIES):
        phrase = _retry_phrase(entry)
        if phrase and tax.is_a(category, "InvalidOrder") and not LATER.search(phrase):
            phrase = None
        if phrase:
            retryable, reason = True, f"{reason}; retry:'{phrase}'"
    for override in overrides:
        if not override.applies(entry):
            continue
        if override.category is not None:
            category, reason = override.category, "override"
            retryable = tax[category].retryable
        if override.retryable is not None:
            retryable = override.retryable
            reason = reason if override.category is not None else f"{reason}; override:retryable"
        rule = "override"
    return Verdict(category, retryable, reason, rule=rule)


def message_meaning(entry: Entry, message: str) -> Entry:
    """One documented message of a family of errors (``FAMILY_MARK`` in ``entry``'s reason) as
    an entry of its own: that message alone, with its category, when it names a class; otherwise
    ``entry`` itself. What ``explain`` answers and the ccxt export's ``broad`` map hold.

    >>> family = Entry("-2010", name="NEW_ORDER_REJECTED", category="InvalidOrder",
    ...     category_reason="name:NEW_ORDER_REJECTED" + FAMILY_MARK, messages=(
    ...         "Unknown order sent.", "Market is closed.", "Account has insufficient balance."))
    >>> one = message_meaning(family, "Market is closed.")
    >>> one.category, one.messages, one.category_reason
    ('MarketClosed', ('Market is closed.',), "message:'market is closed'; 1 of 3 messages")
    """
    reason = entry.category_reason or ""
    # (an override decided, or set the retry advice: the source's word stands)
    if FAMILY_MARK not in reason or "override" in reason or message not in entry.messages:
        return entry
    one = categorize_entry(
        Entry(
            entry.code,
            entry.surface,
            entry.group,
            http_status=entry.http_status,
            messages=(message,),
        )
    )
    if one.category == FALLBACK or one.success:
        return entry
    # (the page's explanations are one text per code, not one per message: left out)
    return entry.replace(
        messages=(message,),
        description=None,
        category=one.category,
        retryable=one.retryable,
        category_reason=f"{one.category_reason}; 1 of {len(entry.messages)} messages",
    )


def categorize_entry(entry: Entry, overrides: Iterable[Override] = ()) -> Entry:
    """The entry with ``category``, ``retryable`` and ``category_reason`` filled in."""
    verdict = categorize(entry, overrides)
    return entry.replace(
        category=verdict.category,
        retryable=None if verdict.success else verdict.retryable,
        category_reason=verdict.reason,
        success=verdict.success,
    )


def categorize_catalog(catalog: Catalog, overrides: Iterable[Override] = ()) -> Catalog:
    """Every entry of ``catalog`` categorized.

    >>> cat = categorize_catalog(Catalog(entries=(Entry("1", messages=("Order does not exist",)),)))
    >>> cat.entries[0].category
    'OrderNotFound'
    """
    overrides = tuple(overrides)
    return catalog.replace(entries=tuple(categorize_entry(e, overrides) for e in catalog.entries))


def unclassified(catalog: Catalog) -> int:
    """How many entries ended up as plain ``ExchangeError``."""
    return sum(1 for e in catalog.entries if e.category == FALLBACK)


def successes(catalog: Catalog) -> int:
    """How many entries the document gives as success, not as an error."""
    return sum(1 for e in catalog.entries if e.success)
