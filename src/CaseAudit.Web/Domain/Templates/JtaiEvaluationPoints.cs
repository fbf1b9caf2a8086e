namespace CaseAudit.Web.Domain.Templates;

/// The 11 points inspectors evaluate in a joint targeted area inspection on "children living
/// with neglect", worded as in the Kirklees neglect strategy, Appendix 3 (from Ofsted's guidance).
public static class JtaiEvaluationPoints
{
    public const int First = 1;
    public const int Last = 11;

    private static readonly string[] Wording =
    [
        "Risks to children living with neglect are prevented and reduced. The needs of the child and their family are met at an early stage through timely access to effective help",
        "Children living with neglect receive the right help and protection because of application of appropriate thresholds, effective information sharing and timely intervention",
        "Agencies work together to identify children who are neglected, intervene to reduce risk and monitor effectively the impact of interventions so that risk is reduced",
        "The impact of neglect on children is reduced because they and their families can access a sufficient range of local services, including therapeutic help that improves children's emotional well-being and safety. This may include help provided by community and voluntary services",
        "Professionals and support staff are well trained, confident and knowledgeable. They understand the impact of neglect on children's daily lives as well as the long-term and cumulative impact on their health and well-being. This enables them to identify how to help and protect children and to take action to do so",
        "Children who are neglected experience a child-centred approach from all professionals. The risks to them and their needs are assessed effectively and responded to appropriately. Assessments consider family history and the cumulative impact of neglect, and show that there is a clear understanding of the ways in which different forms of neglect affect children. The views of the child are clearly recorded and central to the work with the family",
        "Professionals have a clear understanding of how the behaviour of parents and carers affects children. They assess any strengths and risks in parenting and the extended family. Where changes in parents' and/or carers' behaviour are required, clear timescales for change are agreed. These timescales are based on the child's needs, and improvements in parenting are closely monitored",
        "Professionals challenge each other appropriately to ensure good practice, and they challenge and support parents/carers where poor parenting is resulting in neglect",
        "Children living with neglect benefit from evidence-based approaches, tools and services that reduce risks and meet their needs",
        "Children and their families feel their views have been heard and understood. This leads to improvements in the help and support that they receive",
        "The police work in partnership with other agencies to appropriately identify and address the needs of children who have been or are neglected. They investigate effectively cases of neglect in families with children",
    ];

    public static bool IsValid(int point) => point is >= First and <= Last;

    public static string Describe(int point) =>
        IsValid(point) ? Wording[point - 1] : throw new ArgumentOutOfRangeException(nameof(point), point, "JTAI points run from 1 to 11.");
}
