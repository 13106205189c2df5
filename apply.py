"""Issue 18, session 21 (h224): lawful frames around lottery, inducement and ad-disclosure words.

Idempotent: run from the worktree root (``PYTHONPATH=/tmp/s21/tools .venv/bin/python apply.py``).
Every condition this script owns starts with a fixed head (``OWN_HEADS``); a run first removes
those items, then adds the current ones, so edits to the lists below replace the old items. An
entry whose own examples would break with a shared condition keeps its old conditions (listed at
the end of a run).

Frames (tests: tests/compliance/test_blind_s21f_families.py):
1. denial by the brand or creator, prohibition and scam attribution before the word
   (从不/没办过/不搞/请勿/禁止/冒充/谎称 … + X) — ``negated``;
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
NOTE = (
    "第18号问题 s21（h224）：否认、劝阻、防骗、讲规则、引用说法、往期与内部活动"
    "不是{}；以否认规避的写法照报"
)

# exceptions: a denial that introduces the claim itself
_EXC = {
    "不搞": "不搞虚的!不搞套路!不搞花样!不搞那些虚",
    "不玩": "不玩虚的!不玩套路!不玩花样",
    "不做": "不做作!不做作业",
    "不设": "不设门槛!不设限",
    "不卖": "不卖关子",
    "不得": "不得不",
    "不是": "不是中国人!不是人!不是朋友!不是所有!不是每个!不是吧!不是抽奖胜似!不是抽奖胜过"
    "!不是骗子!不是骗局!不是诈骗!不是假的!不是冒充",
    "不信": "不信你!不信的话!不信就",
    "拒绝": "拒绝套路!拒绝内卷!拒绝等待",
    "也没有": "也没有门槛",
    "并没有": "并没有门槛",
    "从来没有": "从来没有这么!从来没有过这么",
    "违规": "不违规",
    "骗子": "不是骗子!没骗子",
    "骗局": "不是骗局",
    "诈骗": "不是诈骗",
    "冒充": "不是冒充",
    "假冒": "不是假冒",
    "是假的": "不是假的",
    "这种": "这种好事!这种福利!这种机会!这种好康!这种宠粉!这种羊毛!这种便宜",
    "这类": "这类好事!这类福利!这类机会!这类宠粉",
}


def _terms(words: str) -> str:
    out = []
    for w in words.split():
        out.append(w + ("!" + _EXC[w] if w in _EXC else ""))
    return "/".join(out)


DENY = _terms(
    "从不 从来不 从未 从来没有 从来没 从没 未曾 不曾 "
    "并未 并没有 也没有 没办过 没有办过 没搞过 没有搞过 "
    "没做过 没有做过 不做 不搞 不玩 不卖 不设 不开展 "
    "不举办 不会举办 不会开展 不会出 暂不 暂时不 以后不 "
    "不再做 不再搞 拒绝 请勿 切勿 勿用 不要用 别用 "
    "不能用 不得 禁止 严禁 不允许 不准 一律不 明令禁止 "
    "不要相信 别相信 别信 不信 谨防 警惕 冒充 假冒 冒用 "
    "谎称 声称 说您 说你 有人卖 打着 旗号 骗局 骗子 "
    "诈骗 省得 免得 会不会 不会通过 不是 不会要求 不会让顾客 "
    "不会让大家 从不会 从来不会"
)
# inducement only: a requirement denied is no inducement (不用转发、无需关注); for lottery
# these stay out (不用抽奖人人有份 is read as a claim).
DENY_REQ = _terms("不需要 无需 无须 不用 不必 不要求 不强制 不是")
# a lottery requirement denied (不需要抽奖); 不用/无需 stay claims here (不用抽奖人人有份)
DENY_LOTTERY_REQ = _terms("不需要 不要求")
PAST = _terms("去年 前年 往期 历届 以往 往年")
META = _terms(
    "这类 这种 之类 类似的说法 类似说法 这样的话 这样的说法 "
    "等说法 等话术 等玩法 等字眼 的说法 的话术 "
    "的字眼 都属于 属于诱导 属于违规 是违规 违规 违反 "
    "是谣言 谣言 冒充 是假的 假冒 不是官方 非官方 骗局 "
    "骗子 明令禁止 被禁止 不允许 不合规 被罚 被处罚 被封 "
    "封号 不能用 不要用 一律不 我们不做 以后不做 不做了 "
    "不搞了 不再做 取消了 与我们无关 和我们无关 与本店无关 "
    "与品牌无关 并非我们 不是我们的 不是我们发"
)
META_LOTTERY = _terms(
    "已于 已经开奖 已开奖 已全部 已寄出 已结束 已截止 已发放 都已 已在 已经寄出 已发出"
)

DOC_UNLESS = [
    "unless:诱导分享!不算诱导分享!不是诱导分享!不属于诱导分享!不构成诱导分享!并非诱导分享",
    "unless:诱导转发!不算诱导转发!不是诱导转发!不属于诱导转发!不构成诱导转发!并非诱导转发",
    "unless:诱导关注!不算诱导关注!不是诱导关注!不属于诱导关注!不构成诱导关注!并非诱导关注",
    "unless:明令禁止",
    "unless:员工通知",
    "unless:内部通知",
    "unless:各位同事",
    "unless:有奖销售&科普",
    "unless:有奖销售&小课堂",
    "unless:有奖销售&法规",
    "unless:有奖销售&规定",
    "unless:有奖销售&不能超过",
    "unless:有奖销售&不得超过",
    *(
        f"unless:{a}&{b}"
        for a in ("上当", "冒充", "假冒", "骗")
        for b in ("不是我们的", "与我们无关", "和我们无关", "并非我们")
    ),
]
# inducement only: someone impersonating the brand (a lottery footer often warns of this)
IMPERSONATION = [
    "unless:冒充我们",
    "unless:冒充官方",
    "unless:冒充品牌",
    "unless:假冒我们",
    "unless:冒用我们",
]
LOTTERY_LOWER = [
    "lower:warn:已于&开奖",
    "lower:warn:已经开奖",
    "lower:warn:已开奖",
    "lower:warn:规则&弃奖&主办",
    "lower:warn:奖品已全部寄出",
]
# a winner list masked to tail numbers (h218's 中奖用户&尾号 for other words of the list)
MASKED = [
    f"lower:warn:{w}&尾号" for w in ("中奖顾客", "中奖者", "中奖粉丝", "中奖会员", "获奖顾客")
]
# the contents of a blind box or lucky bag are stated and fixed: no chance
FIXED = [
    "unless:没有随机",
    "unless:不随机!不随机应变",
    "unless:并不随机",
    "unless:非随机",
    "unless:内容固定",
]
# h218's new-round entries must keep flagging after a past round's notice
NEW_ROUND = {"本期", "这期", "本轮", "这轮", "下期", "下一期", "本周"}

PATH_DENY = _terms(
    "不会通过 从不通过 不会用 不会在 请勿 切勿 谨防 冒充 不要相信 "
    "别相信 不会私信 从不私信 不会主动 从不会 从来不会"
)
NO_LINK = [
    "unless:没有推广链接",
    "unless:没有商品链接",
    "unless:没有购物链接",
    "unless:不含推广链接",
]

OWN_HEADS = (
    "negated:12:从不/",
    "negated:12:不需要/",
    "negated:8:去年/",
    "negated:12:不需要/不要求",
    "lower:warn:奖品已全部寄出",
    *FIXED,
    "followed:12:这类/",
    "followed:12:已于/",
    "negated:8:不会通过/",
    *DOC_UNLESS,
    *IMPERSONATION,
    *LOTTERY_LOWER,
    *MASKED,
    *NO_LINK,
)


def own(item: str) -> bool:
    return any(item == h or (h.endswith("/") and item.startswith(h)) for h in OWN_HEADS)


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
            if TAG not in row["note"]:
                label = {"inducement": "诱导", "lottery": "抽奖", "ad_disclosure": "未标广告"}[name]
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
        print("invalid", name, row["term"], exc)
        return None
    return entries[0] if entries else None


if __name__ == "__main__":
    build_lexicon  # noqa: B018 (imported for the verify path)
    main()
