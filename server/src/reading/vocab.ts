/**
 * The reading vocabulary as data: words that carry no evidence, the report's own
 * synonyms, and the cues that say whose a number is. Each table is the one place
 * to extend; the matchers in terms.ts and whose.ts are derived from them.
 */

/** Words that say nothing about what a sentence is about. */
export const STOPWORDS: readonly string[] = [
  'a', 'an', 'the', 'and', 'or', 'but', 'nor', 'of', 'in', 'on', 'at', 'to', 'for', 'from', 'by', 'with', 'as', 'into', 'onto', 'over', 'under',
  'about', 'after', 'before', 'during', 'between', 'through', 'than', 'then', 'that', 'this', 'these', 'those', 'there', 'here', 'which', 'who',
  'whom', 'whose', 'what', 'when', 'where', 'why', 'how', 'it', 'its', 'they', 'them', 'their', 'he', 'she', 'his', 'her', 'we', 'our', 'you',
  'your', 'i', 'me', 'my', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'has', 'have', 'had', 'do', 'does', 'did', 'not', 'no', 'so',
  'such', 'also', 'only', 'just', 'very', 'more', 'most', 'less', 'least', 'some', 'any', 'all', 'each', 'every', 'other', 'others', 'same',
  'own', 'up', 'down', 'out', 'off', 'again', 'further', 'once', 'can', 'could', 'would', 'should', 'may', 'might', 'must', 'will', 'shall',
  'year', 'years', 'report', 'reports', 'reported', 'narrative', 'tip', 'government', 'cambodia', 'cambodian', 'country', 'including', 'included',
  'according', 'said', 'says', 'say', 'per', 'while', 'whereas', 'still', 'even', 'both', 'either', 'neither', 'whether', 'if', 'because',
  'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'fifteen', 'twenty', 'hundred', 'thousand',
  'nearly', 'almost', 'roughly', 'around', 'approximately', 'least', 'fewer', 'many', 'much', 'total', 'overall', 'number', 'numbers',
  's', 't', 'etc', 'e.g', 'i.e', 'vs',
];

/** The report's own synonyms: a draft's word on the left is read as the report's word on the right (before stemming). */
export const SYNONYMS: Readonly<Record<string, string>> = {
  prc: 'chinese', china: 'chinese', children: 'child', minors: 'child', minor: 'child', kids: 'child', juveniles: 'child', juvenile: 'child',
  jail: 'prison', jailed: 'prison', imprisonment: 'prison', imprisoned: 'prison', incarceration: 'prison',
  penalties: 'penalty', punishment: 'penalty', punishable: 'penalty', punished: 'penalty',
  course: 'training', courses: 'training', trainings: 'training', trained: 'training', train: 'training', taught: 'training',
  workshops: 'session', workshop: 'session', sessions: 'session',
  police: 'officer', policemen: 'officer', officers: 'officer', officials: 'official',
  labour: 'labor', detained: 'arrested', apprehended: 'arrested', referral: 'referred', referrals: 'referred', refer: 'referred', refers: 'referred',
  citizens: 'nationals', citizen: 'nationals', nationals: 'nationals', national: 'nationals',
  charged: 'prosecuted', indicted: 'prosecuted', tried: 'prosecuted', prosecutions: 'prosecuted', prosecution: 'prosecuted', prosecute: 'prosecuted',
  convictions: 'convicted', conviction: 'convicted', convict: 'convicted', guilty: 'convicted',
  arrests: 'arrested', arrest: 'arrested', investigations: 'investigated', investigation: 'investigated', investigate: 'investigated',
  suspects: 'suspected', suspect: 'suspected', perpetrators: 'trafficker', offenders: 'trafficker', traffickers: 'trafficker',
  adults: 'adult', victims: 'victim', kilns: 'kiln', brokers: 'broker', recruiters: 'broker',
  closed: 'shut', suspended: 'shut', halted: 'shut', closure: 'shut',
  upfront: 'advance', front: 'advance', beforehand: 'advance', advanced: 'advance', reimbursing: 'reimbursement', reimburse: 'reimbursement', reimbursed: 'reimbursement',
};

/** Words by which a sentence recommends ("the report urges …"): its citation is to a recommendation. */
export const RECOMMENDING_CUES: readonly string[] = ['recommends', 'recommended', 'recommendation', 'recommendations', 'recommending', 'urges', 'urged', 'urging', 'calls on', 'calls for', 'called on', 'called for', 'asks the government', 'asks cambodia', 'presses', 'pressed'];

/** Words after a place name that make a figure that place's, not the country's ("in Sihanoukville alone", "in Kampot province"). */
export const SUBNATIONAL_CUES: readonly string[] = ['alone', 'province', 'provinces', 'district', 'districts', 'city', 'commune', 'communes', 'town', 'municipality'];

/** Sources other than the TIP Report: a number or quote attributed to one of them is not the report's. */
export const OTHER_SOURCES: readonly string[] = [
  'ILO', 'IOM', 'UNODC', 'UNICEF', 'UNHCR', 'UNDP', 'OHCHR', 'UN Women', 'World Bank', 'Walk Free', 'Global Slavery Index', 'Human Rights Watch',
  'Amnesty', 'Interpol', 'Europol', 'Polaris', 'International Labour Organization', 'International Labor Organization',
  'International Organization for Migration', 'census', 'survey', 'poll', 'our own data', 'our data', 'our research', 'our study', 'our survey',
  'our estimates', 'our estimate', 'our monitors', 'our records', 'our caseload', 'our hotline', 'our partners',
  'a local NGO', 'one NGO', 'an NGO', 'NGO data', 'NGO figures', 'NGO count', 'NGO tally', 'court monitors', 'local monitors',
  'press accounts', 'press reports', 'news reports', 'news accounts', 'media accounts', 'early reports', 'local media', 'press coverage',
  // An interviewee's own account ("According to the provincial prosecutor, the courts convicted about 50").
  'according to the prosecutor', 'according to the provincial prosecutor', 'according to the judge', 'according to the interviewee',
  'the prosecutor said', 'the prosecutor says', 'the prosecutor told', 'the prosecutor estimated', 'the prosecutor estimates', 'the prosecutor claimed',
  'told us', 'told me', 'in an interview', 'in our interview', 'during the interview', 'the interviewee', 'by his count', 'by her count', 'by their count',
  'in his view', 'in her view', 'his office handled', 'her office handled', 'he estimated', 'she estimated', 'he estimates', 'she estimates',
  // A text under review or correction: a story, a manuscript, a proposal ("An article on Dec. 5 said 1,281 …",
  // "The authors write that …", "The footnote says …").
  'an article on', 'an article in', 'an article last', 'the article said', 'the article says', 'a story on', 'a story in', 'the story said',
  'a headline', 'a photo caption', 'a graphic on', 'the authors write', 'the authors state', 'the authors claim', 'the authors say', 'the authors assert',
  'the authors report', 'the manuscript says', 'the manuscript states', 'the manuscript claims', 'the manuscript gives', 'the proposal says',
  'the proposal states', 'the proposal claims', 'the footnote says', 'the footnote states', 'the application says', 'the applicant says',
  'the applicant states', 'the applicant claims',
  // The addressee's figures, being questioned or corrected ("you wrote one week to one month").
  'you wrote', 'you said', 'you had', 'you have', 'you put', 'you cited', 'your draft', 'your memo', 'your notes', 'your figure', 'your version',
  'you describe', 'you state', 'you claim', 'you report', 'you say', 'you write', 'your proposal', 'your report says', 'your background section',
];

/**
 * Hearsay: what unnamed people say, even about the report ("Someone upthread said the 2023 report counted 38"): not the
 * author's claim, the report named or not (unless it is what the sentence sets right: "not 400, as people say").
 */
export const REPORTED_SPEECH_CUES: readonly string[] = [
  // Hearsay: what unnamed people or posts say, being asked about or answered ("I've seen people say the courts convicted 400").
  'people say', 'people said', 'people claim', 'people claimed', 'some say', 'some claim', 'some people', 'others say', 'posts claim', 'posts say',
  'post claims', 'post says', 'social media', 'rumour', 'rumours', 'rumor', 'rumors', 'you hear', 'you often hear', 'it is often said', 'is often repeated',
  'someone said', 'someone says', 'someone claimed', 'someone posted', 'someone upthread', 'upthread', 'a commenter', 'one commenter', 'commenters say',
];

/** Every cue that makes a figure or quote someone else's: other sources, and reported speech. */
export const OTHER_SOURCE_CUES: readonly string[] = [...OTHER_SOURCES, ...REPORTED_SPEECH_CUES];

/**
 * Words that make a number the author's own (a programme, a budget, a target, a limit),
 * not a figure the report gives. A number with one of these in its clause is not compared.
 */
export const OWN_NUMBER_CUES: readonly string[] = [
  'we', 'our', 'us', 'i', 'my', 'budget', 'budgeted', 'target', 'targets', 'objective', 'objectives', 'goal', 'goals', 'milestone', 'milestones',
  'baseline', 'indicator', 'kpi', 'planned', 'plan', 'plans', 'aim', 'aims', 'pilot', 'cohort', 'grantee', 'grantees', 'grant', 'project',
  'programme', 'program', 'hotline', 'helpline', 'shelter', 'per course', 'per session', 'per class', 'maximum of', 'max', 'capacity', 'quota',
  'module', 'modules', 'slide', 'slides', 'page', 'pages', 'chapter', 'minutes', 'hour', 'hours', 'hour-long', 'usd', 'dollars', 'riel',
  'priorities', 'next steps', 'action items', 'action item', 'deliverable', 'deliverables', 'workplan', 'work plan', 'to-do',
];

/** A table column header that makes the table the author's own plan and results ("| Indicator | Target | Achieved |"). */
export const TARGET_COLUMN_CUES: readonly string[] = ['target', 'targets', 'goal', 'goals', 'planned', 'plan', 'budget', 'budgeted', 'baseline', 'projected', 'forecast', 'milestone', 'milestones', 'objective', 'observed', 'monitored', 'our', 'ours'];

/** A label before a colon that makes the list after it the author's own ("Priorities for months 7–12: …", "Targets: …"). */
export const OWN_LABEL_CUES: readonly string[] = [
  'priorities', 'priority', 'next steps', 'action items', 'deliverables', 'workplan', 'work plan', 'to-do', 'targets', 'target', 'goals', 'goal',
  'objectives', 'objective', 'milestones', 'indicators', 'kpis', 'kpi', 'budget', 'plan', 'our', 'we', 'my', 'i',
];

/**
 * Verbs that report what someone else did or said: after "my notes say", "we know", "I read that" the number belongs
 * to whoever the reported clause is about ("my notes say the government convicted 50"), not to the writer.
 */
export const REPORTING_CUES: readonly string[] = [
  'say', 'says', 'said', 'show', 'shows', 'showed', 'suggest', 'suggests', 'indicate', 'indicates', 'state', 'states', 'stated', 'think', 'thought',
  'believe', 'believed', 'read', 'recall', 'remember', 'understand', 'know', 'knew', 'heard', 'learned', 'note that', 'noted that', 'found that',
  'see that', 'saw that', 'wrote', 'write', 'claim', 'claims', 'claimed', 'reckon',
];

/**
 * Subjects other than the writer: after "I've double-checked the case and he got five years", the number is
 * what happened to "he", not the writer's own.
 */
export const THIRD_PERSON_SUBJECTS: readonly string[] = [
  'he', 'she', 'they', 'it', 'police', 'authorities', 'the court', 'the courts', 'courts', 'the government', 'the govt', 'officials', 'prosecutors',
  'judges', 'the report', 'the narrative', 'cambodia', 'the general', 'the defendant', 'the defendants',
];

/** Statistics the writer worked out (the reports state counts, not these): "median sentence was 7 years", "an average of 12". */
export const STATISTIC_CUES: readonly string[] = [
  'median', 'mean', 'average', 'averaged', 'on average', 'IQR', 'interquartile', 'standard deviation', 'SD', 'percentile', 'confidence interval', 'CI', 'n =', 'p <', 'p =',
];

/** British spellings a quotation of an American report may use: the report's form. */
export const BRITISH_SPELLINGS: readonly (readonly [british: string, american: string])[] = [
  ['labour', 'labor'], ['labourers', 'laborers'], ['labourer', 'laborer'], ['programme', 'program'], ['programmes', 'programs'], ['centre', 'center'],
  ['centres', 'centers'], ['offence', 'offense'], ['offences', 'offenses'], ['defence', 'defense'], ['judgement', 'judgment'], ['judgements', 'judgments'],
  ['favour', 'favor'], ['behaviour', 'behavior'], ['honour', 'honor'], ['neighbouring', 'neighboring'], ['endeavour', 'endeavor'], ['licence', 'license'],
  ['enrol', 'enroll'], ['fulfil', 'fulfill'], ['cancelled', 'canceled'], ['travelled', 'traveled'], ['counselling', 'counseling'], ['modelling', 'modeling'],
];
/** "-ise" words that are not British "-ize" ones. */
export const ISE_WORDS: ReadonlySet<string> = new Set(['advise', 'advised', 'advises', 'advising', 'exercise', 'exercised', 'exercises', 'enterprise', 'enterprises', 'compromise', 'compromised', 'otherwise', 'premise', 'premises', 'expertise', 'supervise', 'supervised', 'supervises', 'supervising', 'revise', 'revised', 'surprise', 'surprised', 'devise', 'devised', 'comprise', 'comprised', 'comprises', 'franchise', 'merchandise', 'televised', 'improvise', 'chastise', 'despise', 'disguise', 'disguised', 'promise', 'promised', 'promises', 'raise', 'raised', 'raises', 'arise', 'arises', 'rise', 'rises', 'wise', 'noise', 'praise', 'cruise', 'precise', 'concise', 'incise', 'excise', 'demise', 'poise', 'treatise', 'paradise']);

/** A quotation given in translation (or translated back): its words are the translator's, not the report's. */
export const TRANSLATION_CUES: readonly string[] = [
  'translated', 'translation', 'translator', 'translator’s', "translator's", 'back-translated', 'in Khmer', 'from Khmer', 'into Khmer',
  'Khmer version', 'Khmer text', 'Khmer edition', 'our rendering', 'rendered as', 'rendered into',
];

/**
 * A statement reported as an error, being corrected: "An earlier version of this article said 48", "the minutes
 * wrongly gave 348 people", "misstated the tier". What such a sentence states is not the writer's claim.
 */
export const CORRECTED_STATEMENT_CUES: readonly string[] = [
  'an earlier version', 'a previous version', 'an earlier draft', 'a previous draft', 'the original version', 'an earlier edition of this',
  'an earlier online version', 'an earlier print version', 'the print version', 'an earlier issue', 'a previous issue', 'our last issue', 'last issue',
  'originally said', 'originally stated', 'originally reported', 'originally gave', 'incorrectly', 'erroneously', 'wrongly', 'mistakenly',
  'misstated', 'misstates', 'misreported', 'misquoted', 'in error', 'should have said', 'should have read', 'should read', 'has been corrected',
  'have been corrected', 'was corrected', 'corrected to', 'this has been corrected', 'we regret the error', 'has since been corrected',
  "last year's statement", 'last year’s statement', 'our previous statement', 'our earlier statement', 'an earlier statement', 'the previous statement',
];

/**
 * The writer's own present, not a year a report covers: "38 people charged since January", "rescued 1,000 this
 * year", "so far". A count dated only by one of these is not the report's ("this year's report" is an edition, not this).
 */
export const PRESENT_PERIOD_CUES: readonly string[] = [
  'this year', 'so far this year', 'this month', 'this week', 'last month', 'last week', 'in recent weeks', 'in recent months', 'so far', 'to date',
  'since January', 'since February', 'since March', 'since April', 'since May', 'since June', 'since July', 'since August', 'since September',
  'since October', 'since November', 'since December', 'since the start of the year', 'since the beginning of the year', 'year to date',
];

/** Words that make a statement not a claim about what happened: modal, conditional, future. */
export const HYPOTHETICAL_CUES: readonly string[] = [
  'should', 'would', 'could', 'might', 'must', 'if', 'unless', 'suppose', 'supposing', 'imagine', 'hypothetically', 'will', 'expects', 'expected',
  'proposed', 'propose', 'proposes', 'aims to', 'plans to', 'intends to', 'hopes to', 'seeks to', 'wants to', 'whether',
  'next year', 'in future', 'in the future', 'going forward', 'the next', 'upcoming', 'will run', 'is scheduled', 'are scheduled',
  'hope', 'hopes', 'hoping', 'wish', 'wishes', 'one day', 'someday', 'some day',
];

/** Labels before wording a draft rejects (a style sheet's "Don't say:", a slide's "Avoid:"): what follows is not asserted. */
export const REJECTION_CUES: readonly string[] = [
  'avoid', "don't say", 'do not say', "don't write", 'do not write', "don't use", 'do not use', 'never say', 'never write', 'wrong', 'incorrect',
  'myth', 'false claim', 'not this', 'outdated', 'retired wording', 'banned',
];

/**
 * Verdicts a fact-check table gives a claim it does not endorse ("| The 94 arrests were in 2021 | officer | FALSE | … |"): a
 * cell that holds only one of them makes the row's earlier cells someone's claim being judged, not the writer's.
 */
export const FALSE_VERDICT_CUES: readonly string[] = [
  'false', 'wrong', 'incorrect', 'inaccurate', 'untrue', 'misleading', 'mostly false', 'partly false', 'half true', 'partly true', 'partly',
  'unsupported', 'unproven', 'not supported', 'disputed', 'myth', 'exaggerated', 'outdated', 'needs context', 'no', '✗', '✘', '❌',
];

/** A conditional by inversion at a sentence's start ("Were convictions to fall to 20, …", "Should the courts convict 50, …", "Had police arrested 500, …"). */
export const CONDITIONAL_INVERSION = ['were', 'should', 'had'] as const;

/** Negations: "did not convict 40" says nothing the report's 38 contradicts. */
export const NEGATION_CUES: readonly string[] = ['not', 'never', 'no longer', 'nor', "didn't", 'didn’t', "wasn't", 'wasn’t', "isn't", 'isn’t', "aren't", 'aren’t',
  "weren't", 'weren’t', "doesn't", 'doesn’t', "don't", 'don’t', "hasn't", 'hasn’t', "haven't", 'haven’t', "won't", 'won’t', 'cannot', "can't", 'can’t', 'neither', 'without', 'false', 'wrongly', 'incorrectly', 'myth'];

/** Words and phrases that attribute a quotation to a TIP narrative. */
export const REPORT_ATTRIBUTION_CUES: readonly string[] = [
  'report', "report's", 'report’s', 'narrative', "narrative's", 'narrative’s', 'TIP', 'TIP Report', 'Trafficking in Persons Report', 'State Department',
  'Department of State', 'the Department', 'the department', 'edition', 'in its words', 'its words', 'the report says', 'the report notes',
];

/**
 * Words that make a citation in a sentence a mention or a contrast, not a claim of support
 * ("unlike R5, …", "in contrast to [@R5]"): a sentence holding one is not checked for reference.mismatch.
 */
export const CONTRAST_CUES: readonly string[] = ['unlike', 'in contrast', 'by contrast', 'contrary to', 'as opposed to', 'compared with', 'compared to', 'in comparison', 'differs from', 'different from', 'distinct from', 'not to be confused'];

/** Words just before a citation (or opening its bracket) that point elsewhere: "[see also @R5]", "cf. [@R5]", "rather than [@R5]". */
export const CITATION_ASIDE_CUES: readonly string[] = ['see also', 'see further', 'see generally', 'but see', 'cf', 'cf.', 'compare', 'contra', 'rather than', 'instead of', 'other than', 'apart from', 'aside from', 'besides', 'beyond', 'except', 'not', 'nor', 'or', 'versus', 'vs', 'vs.', 'e.g', 'e.g.', 'for example', 'such as', 'like'];

/** Number words and their values, from which the figure reader's word numbers and the quick "may hold a figure" tests are derived. */
export const SMALL_NUMBER_WORDS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
export const TENS_NUMBER_WORDS: Readonly<Record<string, number>> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
export const SCALE_NUMBER_WORDS: Readonly<Record<string, number>> = { hundred: 100, thousand: 1000, million: 1_000_000, billion: 1_000_000_000 };
/** Every word a number is written with ("fourteen", "a dozen"). */
export const NUMBER_WORDS: readonly string[] = [...Object.keys(SMALL_NUMBER_WORDS), ...Object.keys(TENS_NUMBER_WORDS), ...Object.keys(SCALE_NUMBER_WORDS), 'dozen'];
