"""Issue 18, session 21 (h224): lawful frames around lottery, inducement and ad-disclosure words.

Idempotent: run from the worktree root (``PYTHONPATH=/tmp/s21/tools .venv/bin/python apply.py``).
Every condition this script owns starts with a fixed head (``OWN_HEADS``); a run first removes
those items, then adds the current ones, so edits to the lists below replace the old items. An
entry whose own examples would break with a shared condition keeps its old conditions (listed at
the end of a run).

Frames (tests: tests/compliance/test_blind_s21f_families.py):
1. denial by the brand or creator, prohibition and scam attribution before the word
   (从不/没办过/不搞/请勿/禁止/谎称/说您 … + X) — ``negated``;
2. the word quoted as a phrase, a rule or a scam after it
   (X 这类话/之类/属于违规/是冒充的) — ``followed``;
3. the law explained or an internal notice in the document (诱导分享 as a technical term,
   有奖销售 + 科普/法规/不得超过, 员工通知, 各位同事) — ``unless``;
4. past draws (去年/上期 + X; 已于…开奖; rules with 主办 and 弃奖 published) — lottery only;
5. a denial of an ad that says no link is given (没有推广链接) and a brand denying that it
   sends links by private message (不会通过私信发链接) — ad_disclosure.
Evasions through denial stay flagged: plain 没有/不用/无需 are no negation for lottery entries,
and denials followed by a claim (不搞虚的直接转发就送, 不设门槛) are listed as exceptions.
"""

from __future__ import annotations

import sys

sys.path.insert(0, "/tmp/s21/tools")
sys.path.insert(0, ".")

from csvedit import load, save  # noqa: E402

from app.compliance import build_lexicon, verify_examples  # noqa: E402
from app.compliance.wordlist_csv import read_entries  # noqa: E402

TAG = "h224"
NOTE = "第18号问题 s21（h224）：否认、防骗、讲规则、引用、往期不是{}"

# exceptions: a denial that introduces the claim itself
_EXC = {
    "不搞": "不搞虚!不搞套路",
    "不设": "不设门槛!不设限",
    "不卖": "不卖关子",
    "不得": "不得不",
    "不是": "不是中国人!不是所有!不是每个!不是抽奖胜!不是骗!不是诈骗!不是假",
    "拒绝": "拒绝套路",
    "也没有": "也没有门槛",
    "并没有": "并没有门槛",
    "不会让": "不会让你",
    "违规": "不违规",
    "骗子": "不是骗子",
    "诈骗": "不是诈骗",
    "冒充": "不是冒充",
    "是假的": "不是假的",
    "这种": "这种好事!这种福利!这种机会!这种宠粉",
    "这类": "这类好事!这类福利",
}


def _terms(words: str) -> str:
    out = []
    for w in words.split():
        out.append(w + ("!" + _EXC[w] if w in _EXC else ""))
    return "/".join(out)


# kept short: every lottery and inducement entry carries these (the import limit is 10 MB)
DENY = _terms(
    "从不 从来不 从未 从来没 从没 并没有 也没有 没办过 没搞过 "
    "不做 不搞 不设 不卖 不开展 以后不 拒绝 请勿 不要用 不能用 "
    "不得 禁止 不允许 一律不 不要相信 谨防 警惕 谎称 说您 说你 "
    "有人卖 打着 省得 会不会 不是 不会要求 不会让"
)
# inducement only: a requirement denied is no inducement (不用转发、无需关注); for lottery
# these stay out (不用抽奖人人有份 is read as a claim).
DENY_REQ = _terms("不需要 无需 不用 不必 不要求")
# a lottery requirement denied (不需要抽奖)
DENY_LOTTERY_REQ = _terms("不需要 不要求")
PAST = _terms("去年 前年 往期 历届 以往 往年")
META = _terms(
    "这类 这种 之类 的说法 等说法 等话术 都属于 违规 违反 谣言 冒充 是假的 不是官方 "
    "骗局 明令禁止 被罚 不能用 一律不 以后不做 不做了 与我们无关 不是我们的"
)
META_LOTTERY = _terms("已于 已开奖 已经开奖 已全部 已寄出 已经寄出 已发出 已结束 都已 已在")

DOC_UNLESS = [
    "unless:诱导分享!不属于诱导分享!不算诱导分享!不是诱导分享",
    "unless:诱导转发!不属于诱导转发!不算诱导转发!不是诱导转发",
    "unless:明令禁止",
    "unless:员工通知",
    "unless:各位同事",
    "unless:上当&不是我们的",
    "unless:冒充&不是我们的",
    "unless:冒充&与我们无关",
    "unless:骗&与我们无关",
]
# lottery only: the law on prize sales explained
PRIZE_LAW = [f"unless:有奖销售&{w}" for w in ("科普", "小课堂", "不能超过", "不得超过")]
# inducement only: someone impersonating the brand (a lottery footer often warns of this)
IMPERSONATION = ["unless:冒充我们", "unless:冒充官方"]
LOTTERY_LOWER = [
    "lower:warn:已于&开奖",
    "lower:warn:已开奖",
    "lower:warn:已经开奖",
    "lower:warn:规则&弃奖&主办",
    "lower:warn:奖品已全部寄出",
]
# a winner list masked to tail numbers (h218's 中奖用户&尾号 for other words of the list)
MASKED = [f"lower:warn:{w}&尾号" for w in ("中奖顾客", "中奖者", "中奖粉丝", "中奖会员")]
# the contents of a blind box or lucky bag are stated and fixed: no chance
FIXED = ["unless:没有随机", "unless:不随机!不随机应变", "unless:非随机", "unless:内容固定"]
# h218's new-round entries must keep flagging after a past round's notice
NEW_ROUND = {"本期", "这期", "本轮", "这轮", "下期", "下一期", "本周"}

PATH_DENY = _terms(
    "不会通过 从不通过 不会在 请勿 切勿 谨防 冒充 不要相信 不会私信 不会主动 从不会 从来不会"
)
NO_LINK = ["unless:没有推广链接", "unless:没有商品链接", "unless:没有购物链接"]

# the list conditions are recognised by their first trigger (no other session's starts so)
OWN_PREFIXES = (
    "negated:12:从不",
    "negated:12:不需要",
    "negated:8:去年",
    "followed:12:这类",
    "followed:12:已于",
    "negated:8:不会通过",
)
OWN_HEADS = (*FIXED, *PRIZE_LAW, *DOC_UNLESS, *IMPERSONATION, *LOTTERY_LOWER, *MASKED, *NO_LINK)


def own(item: str) -> bool:
    extra = {c for items in EXTRA_COND.values() for c in items}
    return item.startswith(OWN_PREFIXES) or item in OWN_HEADS or item in extra


def shared(name: str, row: dict) -> list[str]:
    term = row["term"]
    conds = [c for c in row["conditions"].split("|") if c]
    if name in ("inducement", "lottery"):
        items = [f"negated:12:{DENY}", f"followed:12:{META}", *DOC_UNLESS]
        if name == "inducement":
            items.append(f"negated:12:{DENY_REQ}")
            items += IMPERSONATION
        else:
            items.append(f"negated:8:{PAST}")
            items += PRIZE_LAW
            items.append(f"negated:12:{DENY_LOTTERY_REQ}")
            items.append(f"followed:12:{META_LOTTERY}")
            if term not in NEW_ROUND:
                items += LOTTERY_LOWER
            if "lower:warn:中奖用户&尾号" in conds or term in ("领奖", "兑奖"):
                items += MASKED
        return items
    if name == "ad_disclosure":
        if "unless:不放链接" in conds:  # a denial of an ad (无广、不是广告、自费买 …)
            # 'requires' a purchase path (as 自费买) was tried and dropped: eval_set labels a bare
            # denial in a product post (無廣｜自費購入的大衣分享) review — legal to decide
            return list(NO_LINK)
        if any(c.startswith("unless:广告!") for c in conds):  # a purchase path
            return [f"negated:8:{PATH_DENY}"]
    return []


EXTRA_ALLOW = {
    ("lottery", "抽"): [
        *("顺序抽签", "年会抽签", "抽出来的线", "抽出的线", "抽出来的纱", "抽线"),
        *("不抽免单", "不抽奖", "也不抽", "从不抽"),
    ],
    ("inducement", "集福"): ["集福纳祥", "集福气"],
}
EXTRA_PASS = {
    ("lottery", "抽"): ["毛衣勾丝了，把抽出来的线从反面挑回去", "年会节目顺序抽签决定"],
    ("inducement", "拆礼盒"): ["拆礼盒vlog：自己买的圣诞礼盒终于拆了"],
    ("inducement", "集福"): ["红色毛衣寓意集福纳祥"],
    ("lottery", "盲盒"): ["盲盒只是外包装，内容固定，没有随机"],
    ("lottery", "福袋"): ["福袋里是一件T恤加一双袜子，没有随机"],
}
EXTRA_COND = {
    ("inducement", "拆礼盒"): ["followed:2:vlog/视频/日记/开箱"],
    **{("lottery", t): FIXED for t in ("盲盒", "福袋", "盲袋", "盲包", "福包")},
}


def main() -> None:
    skipped = []
    for name in ("inducement", "lottery", "ad_disclosure"):
        rows = load(name)
        for row in rows:
            old_conds = row["conditions"]
            old_allow = row["allow_contexts"]
            kept = [c for c in old_conds.split("|") if c and not own(c)]
            new = shared(name, row) + EXTRA_COND.get((name, row["term"]), [])
            conds = kept + [c for c in new if c not in kept]
            allow = [a for a in old_allow.split("|") if a]
            for a in EXTRA_ALLOW.get((name, row["term"]), []):
                if a not in allow:
                    allow.append(a)
            old_pass = row["examples_pass"]
            passes = [e for e in old_pass.split("|") if e]
            for e in EXTRA_PASS.get((name, row["term"]), []):
                if e not in passes:
                    passes.append(e)
            row["conditions"] = "|".join(conds)
            row["allow_contexts"] = "|".join(allow)
            row["examples_pass"] = "|".join(passes)
            if (row["conditions"], row["allow_contexts"], row["examples_pass"]) == (
                old_conds,
                old_allow,
                old_pass,
            ):
                continue
            if not _ok(name, row):
                row["conditions"], row["allow_contexts"] = old_conds, old_allow
                row["examples_pass"] = old_pass
                skipped.append((name, row["term"]))
                continue
            label = {"inducement": "诱导", "lottery": "抽奖", "ad_disclosure": "未标广告"}[name]
            mark = "；第18号问题 s21（h224）"
            if mark in row["note"]:
                row["note"] = row["note"][: row["note"].index(mark)]
            row["note"] += "；" + NOTE.format(label)
        save(name, rows)
    print("kept old conditions (examples would break):", skipped)


def _ok(name: str, row: dict) -> bool:
    entry = _entry(name, row)
    return entry is not None and not verify_examples(None, entry)


def _entry(name: str, row: dict):
    import csv
    import io

    buf = io.StringIO()
    header = load.header  # type: ignore[attr-defined]
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerow([row.get(h, "") or "" for h in header])
    try:
        entries = read_entries(buf.getvalue())
    except Exception as exc:  # noqa: BLE001
        print("invalid", name, row["term"], str(exc)[-80:])
        return None
    return entries[0] if entries else None


if __name__ == "__main__":
    build_lexicon  # noqa: B018 (imported for the verify path)
    main()
