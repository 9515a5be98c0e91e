#!/usr/bin/env python3
"""Builds expected.json / must_not_flag.json from text markers and verifies them.
Lines are 0-based, split as LSP does (\r\n, \r, \n)."""
import json, re, os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
T = "drafts/b_testimony_house_subcommittee.md"
F = "drafts/b_factcheck_viral_claims.md"
E = "drafts/b_encyclopedia_trafficking_cambodia.md"
S = "drafts/b_thread_scam_compounds.txt"
M = "drafts/b_memo_khm2023.md"

EXPECTED = [
 # testimony
 (T, "quote.mismatch", "warning", "remained widespread and systemic",
  "KHM-2023 summary: \"including by high-level senior officials, remained widespread and endemic\"; the quote attributed to the report via [@KHM-2023] changes 'endemic' to 'systemic'."),
 (T, "figure.mismatch", "warning", "35 of them for sex trafficking",
  "KHM-2022/prosecution.2: of the 38 convicted, \"one for sex trafficking and 35 for forced labor\"; the draft swaps the qualifier (35 for sex trafficking). 38 itself is right."),
 (T, "figure.wrong-year", "warning", "2023 narrative, for its part",
  "109 suspected traffickers prosecuted is a 2021 figure from the 2022 edition (KHM-2022/prosecution.2: \"In 2021, the government prosecuted 109 suspected traffickers\"); the loaded 2023 narrative has no such number, so the draft mis-cites the edition."),
 (T, "reference.unknown", "warning", "[@KHM-2023/R18]",
  "KHM-2023 has 17 Prioritized Recommendations (R1..R17); R18 does not exist (restitution is R13)."),
 # fact check
 (F, "figure.mismatch", "warning", "jail terms of up to 6 months",
  "KHM-2022/prosecution.1: labor-law \"short jail sentences of six days to one month\"; 'up to 6 months' contradicts the one-month upper bound."),
 (F, "figure.mismatch", "warning", "involved in 68 cases",
  "KHM-2022/prosecution.2: \"prosecuted 109 suspected traffickers involved in 64 cases\"; 68 is wrong (109 and 2021 are right). Country only from context."),
 (F, "quote.not-found", "information", "uneven and largely symbolic",
  "Quote attributed to the 2023 summary with [@KHM-2023]; no loaded text contains 'uneven and largely symbolic'. Loaded texts are partial, so information suffices."),
 (F, "reference.unknown", "warning", "[@KHM-2022/prosecution.8]",
  "The KHM-2022 Prosecution section has seven paragraphs (prosecution.1..prosecution.7); prosecution.8 does not exist (undercover investigations are in prosecution.7)."),
 # encyclopedia
 (E, "figure.mismatch", "warning", "among them 302 labor brokers",
  "KHM-2022/prosecution.2: media reports of \"370 suspected traffickers, which included 332 labor brokers\"; 302 is wrong (370 is right)."),
 (E, "figure.wrong-year", "warning", "was convicted in 2020 of exploiting 28 PRC nationals",
  "KHM-2022/prosecution.2: \"in April 2021, authorities arrested and convicted a two-star military general and six other traffickers for exploiting 28 nationals from the [PRC]\"; the numbers are right but the year is 2021, not 2020."),
 (E, "tier.mismatch", "warning", "placed Cambodia on the Tier 2 Watch List",
  "KHM-2023 header \"CAMBODIA (Tier 3)\" and summary \"Cambodia remained on Tier 3\"; the 2023 edition did not place Cambodia on the Tier 2 Watch List."),
 (E, "reference.unknown", "warning", "[@KHM-2021]",
  "Only KHM-2023 and KHM-2022 are loaded; KHM-2021 names a report that does not exist in the knowledge base."),
 # thread
 (S, "quote.mismatch", "warning", "inappropriately punished them",
  "KHM-2023 summary: \"inappropriately penalized them for crimes committed as a direct result of being trafficked\"; the quote introduced with 'The report says' changes 'penalized' to 'punished'."),
 (S, "figure.wrong-year", "warning", "440 convictions back in 2019",
  "KHM-2022/prosecution.2: \"The government prosecuted 348 cases of trafficking in 2020 ... it also convicted 440 traffickers\"; 440 is the 2020 figure, not 2019."),
 (S, "figure.mismatch", "warning", "Up to 25 years.",
  "KHM-2022/prosecution.1: \"15 to 20 years' imprisonment for those involving a child victim\"; 'up to 25 years' exceeds the 20-year maximum. The adult range 7-15 on the same line is right."),
 (S, "figure.mismatch", "warning", "more than 340 of them labor brokers",
  "KHM-2022/prosecution.2: media reports of 370 arrests \"which included 332 labor brokers\"; 'more than 340' is contradicted by 332 (370 is right)."),
 # memo
 (M, "figure.mismatch", "warning", "more than 15,000 law enforcement officers",
  "KHM-2022/prosecution.7: \"256 sessions and workshops ... for 12,814 law enforcement officers\"; 'more than 15,000' is wrong (256 is right)."),
 (M, "figure.wrong-year", "warning", "in 2020, police arrested just four individuals",
  "KHM-2022/prosecution.3: \"In 2021, the police arrested four individuals for online child sexual exploitation ... after U.S. law enforcement referred nine potential cases\"; right numbers, wrong year (2020)."),
 (M, "quote.mismatch", "warning", "among economically vulnerable communities",
  "KHM-2023/R12: \"reduce vulnerability to debt-based coercion among economically disadvantaged communities\"; the quote cited [@R12] (default report KHM-2023) changes 'disadvantaged' to 'vulnerable'."),
 (M, "reference.unknown", "warning", "[@R0]",
  "With tip-report: KHM-2023, [@R0] names KHM-2023/R0; recommendations are R1..R17, so R0 does not exist (the data-system item is R10)."),
 (M, "reference.unknown", "information", "[@KHM-2022/R12]",
  "The loaded KHM-2022 text is only the Prosecution section and has no recommendations, so KHM-2022/R12 is unknown; partial text, so information suffices."),
]

MNF = [
 # testimony
 (T, "since 2014.", "Author's own history (a year), not a report claim."),
 (T, "kept Cambodia on Tier 3, finding that", "KHM-2023: Tier 3, remained; the quote \"does not fully meet ... do so\" is exact from the 2023 summary."),
 (T, "creating a special working group to investigate credible reports", "Exact quote of the KHM-2023 summary."),
 (T, "prescribes seven to 15 years' imprisonment where the victim is an adult", "Correct penalties: KHM-2022/prosecution.1, 7-15 years adult, 15-20 years child."),
 (T, "did not represent sufficient punishment to deter future crimes", "Exact quote of KHM-2022/prosecution.1."),
 (T, "prosecuting 348 cases and convicting 440 traffickers", "Correct 2020 figures (KHM-2022/prosecution.2: 348 cases, 440 convicted); quote \"likely did not meet the definition of human trafficking under international law\" is exact."),
 (T, "our lawyers represented 38 survivors", "Author's own caseload number that coincides with the 38 convictions; not the report's."),
 (T, "at least 100,000 people", "Outside source (OHCHR) with its own figure, clearly attributed."),
 (T, "as the report's first recommendation asks", "Faithful paraphrase of KHM-2023/R1, correct reference."),
 (T, "personally cover relevant expenses", "R5 (advance funding rather than reimbursement) and exact quote from KHM-2022/prosecution.7."),
 (T, "Appropriate $4.5 million over three years", "Author's budget request."),
 # fact check
 (F, "shared about 14,000 times", "Social-media share count, not a report figure."),
 (F, "states plainly that \"Cambodia remained on Tier 3\"", "Exact quote of the KHM-2023 summary; Tier 3 is right."),
 (F, "the 2022 report counts 38 convictions", "Correct: KHM-2022/prosecution.2, 38 convicted in 2021, one for sex trafficking and 35 for forced labor; edition 2022 is right."),
 (F, "Child traffickers face 15 to 20 years behind bars", "The claim being rated is true: child-victim penalty 15 to 20 years (KHM-2022/prosecution.1)."),
 (F, "prescribed penalties of seven to 15 years", "Exact quote of KHM-2022/prosecution.1 (straight apostrophe for the source's curly one)."),
 (F, "Courts did shut between April and May 2021", "Correct paraphrase of KHM-2022/prosecution.3 (courts shut April-May 2021, reduced capacity for several months)."),
 (F, "when police reported 94 arrests", "Correct 2020 figure (KHM-2022/prosecution.2) and exact quote \"precluding the ability to compare ...\"."),
 (F, "Law enforcement did not effectively address forced labor in cyber scam operations.", "Exact quote of the KHM-2023 summary."),
 (F, "27.6 million people", "Outside source (ILO), clearly attributed and disclaimed."),
 (F, "factcheck@verificationdesk.example", "Contact line."),
 # encyclopedia
 (E, "between seven and 15 years for offenses against adults", "Correct penalty ranges (KHM-2022/prosecution.1)."),
 (E, "jail terms of six days to one month", "Correct (KHM-2022/prosecution.1)."),
 (E, "reported 109 suspected traffickers prosecuted in 64 cases", "Correct 2021 figures: 109 in 64 cases, 4 sex trafficking, 37 forced labor, 23 unspecified (KHM-2022/prosecution.2)."),
 (E, "Courts convicted 38 traffickers that year", "Correct: 38 convicted, one sex trafficking, 35 forced labor (KHM-2022/prosecution.2)."),
 (E, "police reported 94 arrests, 48 suspects in 37 cases", "Correct 2020 figures, 94/48/37/46/21, 348 cases, 440 convictions (KHM-2022/prosecution.2)."),
 (E, "closed between April and May 2021", "Correct (KHM-2022/prosecution.3)."),
 (E, "outlining cross-border anti-trafficking investigations with Thailand and Vietnam", "Exact quote spanning the source's PDF artefact 'cross- border' (KHM-2022/prosecution.3)."),
 (E, "police arrested four people for online child sexual exploitation", "Correct: in 2021, four arrests after nine U.S. referrals (KHM-2022/prosecution.3)."),
 (E, "ranked Thailand and Laos at Tier 2", "Other countries' tiers (2023), not Cambodia's."),
 (E, "lists 17 prioritized recommendations", "Correct count and faithful paraphrase of KHM-2023/R1."),
 (E, "[@KHM-2022/prosecution.2]", "Correct short reference in a footnote."),
 # thread
 (S, "Cambodia remained on Tier 3. Nobody", "Correct tier (KHM-2023)."),
 (S, "investigating, prosecuting, and convicting more traffickers", "Exact quote of the KHM-2023 summary."),
 (S, "109 suspects prosecuted, 64 cases, 38 convictions", "Correct 2021 figures in last year's (2022) edition (KHM-2022/prosecution.2)."),
 (S, "exactly 1 was for sex trafficking", "Correct: one for sex trafficking, 35 for forced labor."),
 (S, "6 days–1 month in jail", "Correct labor-law jail range with en dash (KHM-2022/prosecution.1)."),
 (S, "256 sessions reaching over 12,800 officers", "Correct: 256 sessions, 12,814 officers; 'over 12,800' is true."),
 (S, "wait months to be reimbursed", "Faithful paraphrase of KHM-2022/prosecution.7 (waited months for reimbursement)."),
 (S, "Thailand & Laos = Tier 2", "Other countries' tiers; Burma Tier 3 in 2023; Cambodia Tier 3 correct."),
 (S, "~100,000 people", "Outside source (OHCHR), clearly attributed."),
 (S, "Our hotline took 286 calls", "Author's own numbers (286, 38) and a phone number containing 440."),
 (S, "prosecuted even 100 complicit officials", "Hypothetical and question."),
 (S, "\"widespread and endemic\"", "Exact quote of the KHM-2023 summary; 17 recommendations is right."),
 # memo
 (M, "tip-report: KHM-2023", "Front matter naming the default report."),
 (M, "Cambodia remained on Tier 3 in the 2023 report", "Correct tier and count of 17 recommendations (KHM-2023)."),
 (M, "scam-compound prosecutions [@R1]", "Correct short references R1, R3, R5, R13 to the matching recommendations."),
 (M, "\"did not effectively address forced labor in cyber scam operations\"", "Exact quote of the KHM-2023 summary."),
 (M, "\"disburse it in advance of investigations, rather than by reimbursement\"", "Exact quote of KHM-2023/R5."),
 (M, "\"all individuals in immigrant detention or custody for human trafficking indicators\"", "Exact quote of KHM-2023/R3."),
 (M, "[@R6; @KHM-2022/prosecution.4]", "Correct references: R6 judicial supervision; prosecution.4 describes it."),
 (M, "| Survivor legal aid (target: 38 cases) | $440,000 |", "Budget line; author's own numbers that coincide with report figures."),
 (M, "We aim to train 300 officers by March 2025", "Target, author's own numbers."),
 (M, "27.6 million people were in forced labour", "Outside source (ILO), attributed."),
 (M, "Would a Tier 2 Watch List placement for Cambodia in 2024", "Question about a hypothetical future placement, not a claim about the report."),
 (M, "How many of the 64 cases prosecuted in 2021", "Question; 64 cases in 2021 is correct (KHM-2022/prosecution.2)."),
]

def lines_of(path):
    with open(os.path.join(HERE, path), encoding="utf-8", newline="") as f:
        return re.split(r"\r\n|\r|\n", f.read())

def locate(path, text):
    hits = [i for i, l in enumerate(lines_of(path)) if text in l]
    assert len(hits) == 1, f"{path}: marker {text!r} found on lines {hits}"
    return hits[0]

out = []
exp = []
for (f, code, sev, text, why) in EXPECTED:
    ln = locate(f, text)
    exp.append({"file": f, "line": ln, "code": code, "min_severity": sev, "why": why, "text": text})
mnf = []
for (f, text, why) in MNF:
    ln = locate(f, text)
    mnf.append({"file": f, "line": ln, "why": why, "text": text})

# integrity checks
keys = [(e["file"], e["line"], e["code"]) for e in exp]
assert len(keys) == len(set(keys)), "two expected flags of one code on a line"
exp_lines = {(e["file"], e["line"]) for e in exp}
for m in mnf:
    assert (m["file"], m["line"]) not in exp_lines, f"MNF line carries an expected flag: {m}"
assert len({(m["file"], m["line"]) for m in mnf}) == len(mnf), "duplicate MNF line"

with open(os.path.join(HERE, "expected.json"), "w") as fh:
    json.dump(exp, fh, indent=2, ensure_ascii=False); fh.write("\n")
with open(os.path.join(HERE, "must_not_flag.json"), "w") as fh:
    json.dump(mnf, fh, indent=2, ensure_ascii=False); fh.write("\n")

# re-read and verify
for name in ("expected.json", "must_not_flag.json"):
    data = json.load(open(os.path.join(HERE, name)))
    for e in data:
        l = lines_of(e["file"])[e["line"]]
        assert e["text"] in l
        print(f"OK {name} {e['file']}:{e['line']} {e.get('code','-')} {e['text']!r}")
from collections import Counter
print("expected by code:", dict(Counter(e["code"] for e in exp)))
print("per file expected:", dict(Counter(e["file"] for e in exp)))
print("per file mnf:", dict(Counter(m["file"] for m in mnf)))
print(f"ALL OK: {len(exp)} expected, {len(mnf)} must-not-flag")
