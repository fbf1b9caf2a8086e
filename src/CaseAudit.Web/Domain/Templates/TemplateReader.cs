using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace CaseAudit.Web.Domain.Templates;

/// One problem in a template file, reported as `file:line:column: message` (line and column
/// start at 1), the form compilers use so editors and CI logs can jump to it.
public sealed record TemplateProblem(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}

public sealed record TemplateReadResult(AuditTemplate? Template, IReadOnlyList<TemplateProblem> Problems, int VersionLine, int VersionColumn)
{
    public bool IsValid => Template is not null && Problems.Count == 0;
}

/// Reads and validates a template file. It walks the YAML node tree by hand rather than
/// deserialising, so that every problem — not just the first — is reported with the line
/// and column where it is.
public sealed partial class TemplateReader
{
    public const int MaxFileBytes = 256 * 1024;
    public const int MaxQuestions = 300;
    public const int MaxTextLength = 4000;
    public const int MaxScaleOptions = 10;
    public const int MaxNesting = 64;
    public const int MaxProblems = 50;

    // Real templates have a few thousand nodes; the byte limit alone still allows ~130,000.
    public const int MaxNodes = 50_000;

    private static readonly string[] TopFields = ["id", "version", "title", "theme", "purpose", "sources", "scale", "sections"];
    private static readonly string[] SourceFields = ["id", "document"];
    private static readonly string[] ScaleFields = ["name", "options", "good_or_better", "not_applicable", "ordinal"];
    private static readonly string[] SectionFields = ["id", "title", "intro", "questions"];
    private static readonly string[] QuestionFields = ["id", "text", "guidance", "jtai", "evidence_required", "answer", "source"];
    private static readonly string[] QuestionSourceFields = ["doc", "section"];

    private readonly string _file;
    private readonly List<TemplateProblem> _problems = [];

    private TemplateReader(string file) => _file = file;

    public static TemplateReadResult ReadFile(string path, string? displayName = null)
    {
        var name = displayName ?? path;
        var length = new FileInfo(path).Length;
        if (length > MaxFileBytes)
        {
            return TooLarge(name, length);
        }

        return Read(name, File.ReadAllBytes(path));
    }

    public static TemplateReadResult Read(string file, byte[] content)
    {
        if (content.Length > MaxFileBytes)
        {
            return TooLarge(file, content.Length);
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return Failed(file, 1, 1, "the file is not UTF-8 text; save the template as UTF-8 YAML");
        }

        return Read(file, text.TrimStart('\uFEFF'));
    }

    public static TemplateReadResult Read(string file, string text)
    {
        if (Encoding.UTF8.GetByteCount(text) > MaxFileBytes)
        {
            return TooLarge(file, Encoding.UTF8.GetByteCount(text));
        }

        var reader = new TemplateReader(file);
        var root = reader.Parse(text);
        if (root is null)
        {
            return new(null, reader._problems, 0, 0);
        }

        var template = reader.ReadTemplate(root, out var versionMark);
        var problems = Bounded(reader._problems.OrderBy(p => p.Line).ThenBy(p => p.Column).ToList());
        return new(problems.Count == 0 ? template : null, problems, (int)versionMark.Line, (int)versionMark.Column);
    }

    // A file of 60,000 bad list items would otherwise give a page of 60,000 messages.
    private static List<TemplateProblem> Bounded(List<TemplateProblem> problems)
    {
        if (problems.Count <= MaxProblems)
        {
            return problems;
        }

        var next = problems[MaxProblems];
        return [.. problems.Take(MaxProblems), next with { Message = $"and {problems.Count - MaxProblems:N0} more problems from here on; fix the ones above first" }];
    }

    private static TemplateReadResult TooLarge(string file, long bytes) =>
        Failed(file, 1, 1, $"the file is {bytes / 1024.0:0.#} KiB; a template may be at most {MaxFileBytes / 1024} KiB");

    private static TemplateReadResult Failed(string file, int line, int column, string message) =>
        new(null, [new TemplateProblem(file, line, column, message)], 0, 0);

    private YamlNode? Parse(string text)
    {
        // A first pass over the raw events refuses anchors and aliases (templates never need
        // them, and they allow "billion laughs" expansion), extra documents, and nesting or
        // node counts no template needs. The parser keeps its own stack; building the node
        // tree below recurses once per level, so a 100,000-deep file would overflow the
        // thread's stack and end the process: the depth must be refused here, first.
        var parser = new Parser(new StringReader(text));
        var lastMark = Mark.Empty;
        try
        {
            var documents = 0;
            var depth = 0;
            var nodes = 0;
            while (parser.MoveNext())
            {
                lastMark = parser.Current!.End;
                if (parser.Current is NodeEvent && ++nodes > MaxNodes)
                {
                    Problem(parser.Current.Start, $"the file has more than {MaxNodes:N0} entries; a template needs far fewer");
                    return null;
                }

                switch (parser.Current)
                {
                    case SequenceStart or MappingStart when ++depth > MaxNesting:
                        Problem(parser.Current.Start, $"the YAML is nested more than {MaxNesting} levels deep here; a template needs fewer than 10");
                        return null;
                    case SequenceEnd or MappingEnd:
                        depth--;
                        break;
                    case DocumentStart start when ++documents > 1:
                        Problem(start.Start, "a file holds one template; remove the second YAML document (---)");
                        return null;
                    case AnchorAlias alias:
                        Problem(alias.Start, "anchors and aliases (*name) are not allowed in templates; write the text out");
                        return null;
                    case NodeEvent { Anchor.IsEmpty: false } node:
                        Problem(node.Start, "anchors (&name) are not allowed in templates; write the text out");
                        return null;
                }
            }
        }
        catch (YamlException ex)
        {
            Problem(ex.Start, "malformed YAML: " + CleanYamlMessage(ex));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner sometimes fails without a YamlException (seen on an unclosed
            // flow sequence); the last event it read is the best position there is.
            Problem(lastMark, "malformed YAML: the file could not be read past this point; check for an unclosed bracket or quote");
            return null;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            Problem(ex.Start, "malformed YAML: " + CleanYamlMessage(ex));
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" or "~" or "null" })
        {
            Problem(1, 1, "the template is empty; a template is a mapping with id, version, title, theme, purpose, sources, scale and sections");
            return null;
        }

        var root = stream.Documents[0].RootNode;
        if (root is not YamlMappingNode)
        {
            Problem(root, $"a template must be a mapping of fields (id: ..., version: ..., title: ...), not {Describe(root)}");
            return null;
        }

        return root;
    }

    private static string CleanYamlMessage(YamlException ex)
    {
        // YamlDotNet prefixes its messages with "(Line: 3, Col: 1, Idx: 20) - (...): "; the
        // position is already in our file:line:column prefix.
        var message = PositionPrefix().Replace(ex.Message, "");
        return message.Length == 0 ? "the YAML could not be read" : char.ToLowerInvariant(message[0]) + message[1..];
    }

    private AuditTemplate ReadTemplate(YamlNode root, out Mark versionMark)
    {
        var fields = Fields((YamlMappingNode)root, "the template", TopFields);
        versionMark = fields.TryGetValue("version", out var versionNode) ? versionNode.Start : root.Start;

        var id = RequiredText(fields, root, "id", "the template");
        if (id is not null && !TemplateIdPattern().IsMatch(id))
        {
            Problem(fields["id"], $"id '{id}' must be lower-case letters, digits and hyphens (like lived-experience), at most 60 characters");
        }

        var version = RequiredText(fields, root, "version", "the template");
        if (version is not null && !TemplateVersion.IsValid(version))
        {
            Problem(fields["version"], $"version '{version}' must be numbers separated by dots, like \"1.0\" or \"2.1\"");
        }

        var title = RequiredText(fields, root, "title", "the template");
        var theme = RequiredText(fields, root, "theme", "the template");
        var purpose = RequiredText(fields, root, "purpose", "the template");
        var sources = ReadSources(fields, root);
        var scale = ReadScale(fields, root);
        var sections = ReadSections(fields, root, sources, scale);

        return new AuditTemplate(id ?? "", version ?? "", title ?? "", theme ?? "", purpose ?? "", sources, scale, sections);
    }

    private List<TemplateSource> ReadSources(Dictionary<string, YamlNode> fields, YamlNode owner)
    {
        var sources = new List<TemplateSource>();
        var items = RequiredList(fields, owner, "sources", "the template");
        var seen = new HashSet<string>();
        foreach (var item in items)
        {
            if (Mapping(item, "each source") is not { } map)
            {
                continue;
            }

            var f = Fields(map, "a source", SourceFields);
            var id = RequiredText(f, map, "id", "a source");
            var document = RequiredText(f, map, "document", "source");
            if (id is not null && !seen.Add(id))
            {
                Problem(f["id"], $"source id '{id}' is repeated; each source needs its own id");
            }

            sources.Add(new TemplateSource(id ?? "", document ?? ""));
        }

        return sources;
    }

    private GradingScale ReadScale(Dictionary<string, YamlNode> fields, YamlNode owner)
    {
        var empty = new GradingScale("", [], [], false, true);
        if (!fields.TryGetValue("scale", out var node))
        {
            Problem(owner, "missing required field 'scale' (the grading scale: name, options, good_or_better, not_applicable)");
            return empty;
        }

        if (Mapping(node, "scale") is not { } map)
        {
            return empty;
        }

        var f = Fields(map, "the scale", ScaleFields);
        var name = RequiredText(f, map, "name", "the scale");

        var options = new List<string>();
        var optionNodes = RequiredList(f, map, "options", "the scale");
        foreach (var optionNode in optionNodes)
        {
            if (Text(optionNode, "each scale option") is not { } option)
            {
                continue;
            }

            if (string.Equals(option, GradingScale.NotApplicable, StringComparison.OrdinalIgnoreCase))
            {
                Problem(optionNode, "'Not applicable' is not a grade; leave it out of options and set not_applicable: true");
            }
            else if (options.Contains(option))
            {
                Problem(optionNode, $"scale option '{option}' is repeated");
            }
            else
            {
                options.Add(option);
            }
        }

        if (f.TryGetValue("options", out var optionsNode) && optionNodes.Count > 0 && (options.Count < 2 || options.Count > MaxScaleOptions))
        {
            Problem(optionsNode, $"a scale needs between 2 and {MaxScaleOptions} options, best first; this one has {options.Count}");
        }

        var ordinal = OptionalBool(f, "ordinal") ?? true;
        var goodOrBetter = new List<string>();
        var unknownGood = false;
        foreach (var goodNode in RequiredList(f, map, "good_or_better", "the scale"))
        {
            if (Text(goodNode, "each good_or_better entry") is not { } good)
            {
                continue;
            }

            if (!options.Contains(good))
            {
                Problem(goodNode, $"good_or_better names '{good}', which is not a scale option; the options are {Quote(options)}");
                unknownGood = true;
            }
            else if (!goodOrBetter.Contains(good))
            {
                goodOrBetter.Add(good);
            }
        }

        if (ordinal && !unknownGood && goodOrBetter.Count > 0
            && !options.Take(goodOrBetter.Count).All(goodOrBetter.Contains))
        {
            Problem(f["good_or_better"], $"good_or_better must be the best options, from the top of the list: {Quote(options.Take(goodOrBetter.Count))}");
        }

        if (goodOrBetter.Count > 0 && goodOrBetter.Count == options.Count)
        {
            Problem(f["good_or_better"], "good_or_better cannot include every option, or the \"good or better\" rate means nothing");
        }

        var notApplicable = RequiredBool(f, map, "not_applicable", "the scale");
        return new GradingScale(name ?? "", options, goodOrBetter, notApplicable ?? false, ordinal);
    }

    private List<TemplateSection> ReadSections(Dictionary<string, YamlNode> fields, YamlNode owner, List<TemplateSource> sources, GradingScale scale)
    {
        var sections = new List<TemplateSection>();
        var sectionIds = new HashSet<string>();
        var questionIds = new HashSet<string>();
        var items = RequiredList(fields, owner, "sections", "the template");
        foreach (var item in items)
        {
            if (Mapping(item, "each section") is not { } map)
            {
                continue;
            }

            var f = Fields(map, "a section", SectionFields);
            var id = RequiredId(f, map, "a section");
            if (id is not null && !sectionIds.Add(id))
            {
                Problem(f["id"], $"section id '{id}' is repeated; each section needs its own id");
            }

            var title = RequiredText(f, map, "title", "a section");
            var intro = OptionalText(f, "intro");
            var questions = new List<TemplateQuestion>();
            foreach (var questionNode in RequiredList(f, map, "questions", "a section"))
            {
                if (ReadQuestion(questionNode, sources, questionIds) is { } question)
                {
                    questions.Add(question);
                }
            }

            sections.Add(new TemplateSection(id ?? "", title ?? "", intro, questions));
        }

        var total = sections.Sum(s => s.Questions.Count);
        if (total > MaxQuestions && fields.TryGetValue("sections", out var sectionsNode))
        {
            Problem(sectionsNode, $"the template has {total} questions; a template may have at most {MaxQuestions}");
        }

        if (total > 0 && scale.Options.Count > 0 && sections.All(s => s.Questions.All(q => q.Answer == AnswerKind.Text)))
        {
            Problem(owner, "the template has no graded questions; at least one question must be answered on the scale");
        }

        return sections;
    }

    private TemplateQuestion? ReadQuestion(YamlNode node, List<TemplateSource> sources, HashSet<string> questionIds)
    {
        if (Mapping(node, "each question") is not { } map)
        {
            return null;
        }

        var f = Fields(map, "a question", QuestionFields);
        var id = RequiredId(f, map, "a question");
        if (id is not null && !questionIds.Add(id))
        {
            Problem(f["id"], $"question id '{id}' is repeated; question ids must be unique across the template");
        }

        var text = RequiredText(f, map, "text", "a question");

        var guidance = new List<string>();
        if (f.TryGetValue("guidance", out var guidanceNode))
        {
            foreach (var prompt in List(guidanceNode, "guidance"))
            {
                if (Text(prompt, "each guidance prompt") is { } g)
                {
                    guidance.Add(g);
                }
            }
        }

        var jtai = new List<int>();
        if (f.TryGetValue("jtai", out var jtaiNode))
        {
            foreach (var pointNode in List(jtaiNode, "jtai"))
            {
                var raw = pointNode is YamlScalarNode s ? s.Value : null;
                if (!int.TryParse(raw, out var point))
                {
                    Problem(pointNode, $"JTAI evaluation points are whole numbers from 1 to 11; '{raw ?? Describe(pointNode)}' is not");
                }
                else if (!JtaiEvaluationPoints.IsValid(point))
                {
                    Problem(pointNode, $"JTAI evaluation point {point} is outside 1–11");
                }
                else if (jtai.Contains(point))
                {
                    Problem(pointNode, $"JTAI evaluation point {point} is listed twice");
                }
                else
                {
                    jtai.Add(point);
                }
            }
        }

        var evidenceRequired = OptionalBool(f, "evidence_required") ?? false;

        var answer = AnswerKind.Grade;
        if (OptionalText(f, "answer") is { } answerText)
        {
            answer = answerText switch
            {
                "grade" => AnswerKind.Grade,
                "text" => AnswerKind.Text,
                _ => Invalid(f["answer"], $"answer must be 'grade' (on the scale) or 'text' (free text), not '{answerText}'"),
            };
        }

        QuestionSource? source = null;
        if (!f.TryGetValue("source", out var sourceNode))
        {
            Problem(map, "missing required field 'source' in a question: cite the document it comes from, like { doc: kirklees, section: \"Appendix 3\" }");
        }
        else if (Mapping(sourceNode, "source") is { } sourceMap)
        {
            var sf = Fields(sourceMap, "a question's source", QuestionSourceFields);
            var doc = RequiredText(sf, sourceMap, "doc", "a question's source");
            var section = RequiredText(sf, sourceMap, "section", "a question's source");
            if (doc is not null && sources.Count > 0 && sources.All(s => s.Id != doc))
            {
                Problem(sf["doc"], $"source '{doc}' is not one of the template's sources ({Quote(sources.Select(s => s.Id))})");
            }

            source = new QuestionSource(doc ?? "", section ?? "");
        }

        return new TemplateQuestion(id ?? "", text ?? "", guidance, jtai, evidenceRequired, answer, source ?? new QuestionSource("", ""));
    }

    private AnswerKind Invalid(YamlNode node, string message)
    {
        Problem(node, message);
        return AnswerKind.Grade;
    }

    // ---- small readers that report and carry on ----

    private Dictionary<string, YamlNode> Fields(YamlMappingNode map, string owner, string[] allowed)
    {
        var fields = new Dictionary<string, YamlNode>();
        foreach (var (keyNode, value) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                Problem(keyNode, $"field names in {owner} must be plain text");
                continue;
            }

            if (!allowed.Contains(key))
            {
                Problem(keyNode, $"unknown field '{Shorten(key)}' in {owner}; expected {Quote(allowed)}");
                continue;
            }

            fields[key] = value;
        }

        return fields;
    }

    private string? RequiredText(Dictionary<string, YamlNode> fields, YamlNode owner, string key, string where)
    {
        if (!fields.TryGetValue(key, out var node))
        {
            Problem(owner, $"missing required field '{key}' in {where}");
            return null;
        }

        var text = Text(node, $"'{key}'");
        if (text is not null && text.Trim().Length == 0)
        {
            Problem(node, $"'{key}' must not be empty");
            return null;
        }

        return text?.Trim();
    }

    private string? RequiredId(Dictionary<string, YamlNode> fields, YamlNode owner, string where)
    {
        var id = RequiredText(fields, owner, "id", where);
        if (id is not null && !ItemIdPattern().IsMatch(id))
        {
            Problem(fields["id"], $"id '{id}' must be letters, digits, '.', '_' or '-', starting with a letter or digit, at most 40 characters");
        }

        return id;
    }

    private string? OptionalText(Dictionary<string, YamlNode> fields, string key) =>
        fields.TryGetValue(key, out var node) ? Text(node, $"'{key}'")?.Trim() : null;

    private string? Text(YamlNode node, string what)
    {
        if (node is not YamlScalarNode scalar)
        {
            Problem(node, $"{what} must be text, not {Describe(node)}");
            return null;
        }

        var value = scalar.Value ?? "";
        if (value.Length > MaxTextLength)
        {
            Problem(node, $"{what} is {value.Length:N0} characters; the limit is {MaxTextLength:N0}");
            return null;
        }

        return value;
    }

    private bool? RequiredBool(Dictionary<string, YamlNode> fields, YamlNode owner, string key, string where)
    {
        if (!fields.ContainsKey(key))
        {
            Problem(owner, $"missing required field '{key}' in {where} (true or false)");
            return null;
        }

        return OptionalBool(fields, key);
    }

    private bool? OptionalBool(Dictionary<string, YamlNode> fields, string key)
    {
        if (!fields.TryGetValue(key, out var node))
        {
            return null;
        }

        if (node is YamlScalarNode { Style: ScalarStyle.Plain, Value: { } v } && bool.TryParse(v, out var b))
        {
            return b;
        }

        Problem(node, $"'{key}' must be true or false");
        return null;
    }

    private IReadOnlyList<YamlNode> RequiredList(Dictionary<string, YamlNode> fields, YamlNode owner, string key, string where)
    {
        if (!fields.TryGetValue(key, out var node))
        {
            Problem(owner, $"missing required field '{key}' in {where}");
            return [];
        }

        var items = List(node, $"'{key}'");
        if (node is YamlSequenceNode && items.Count == 0)
        {
            Problem(node, $"'{key}' must have at least one entry");
        }

        return items;
    }

    private IReadOnlyList<YamlNode> List(YamlNode node, string what)
    {
        if (node is YamlSequenceNode sequence)
        {
            return sequence.Children.ToList();
        }

        Problem(node, $"{what} must be a list (lines starting with '- '), not {Describe(node)}");
        return [];
    }

    private YamlMappingNode? Mapping(YamlNode node, string what)
    {
        if (node is YamlMappingNode map)
        {
            return map;
        }

        Problem(node, $"{what} must be a mapping of fields (name: value), not {Describe(node)}");
        return null;
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        YamlScalarNode { Value: null or "" } => "nothing",
        YamlScalarNode s => $"the text '{Shorten(s.Value!)}'",
        _ => "something else",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";

    private static string Quote(IEnumerable<string> items) => string.Join(", ", items.Select(i => $"'{i}'"));

    private void Problem(YamlNode node, string message) => Problem(node.Start, message);

    private void Problem(Mark mark, string message) => Problem((int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column), message);

    private void Problem(int line, int column, string message) => _problems.Add(new TemplateProblem(_file, line, column, message));

    [GeneratedRegex(@"^(?=.{1,60}$)[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex TemplateIdPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")]
    private static partial Regex ItemIdPattern();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex PositionPrefix();
}
