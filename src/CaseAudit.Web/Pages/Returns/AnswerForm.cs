using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;
using Microsoft.AspNetCore.Http;

namespace CaseAudit.Web.Pages.Returns;

/// Reads a return form's "Answers[SU-01].Evidence" fields into answers. MVC's dictionary
/// model binder did the same at about a fifth of a draft save's CPU (profiled with 32 auditors
/// saving 30 questions each), most of it in nested binding scopes and model-state nodes the
/// page never reads: the form is redisplayed from the answers themselves.
internal static class AnswerForm
{
    private const string Prefix = "Answers[";

    /// Every question id the form names, known to the template or not, so that the save's rules
    /// can refuse what the template does not have. An empty field reads as null, as MVC binds it.
    public static Dictionary<string, Answer> Read(IFormCollection form)
    {
        var answers = new Dictionary<string, Answer>();
        foreach (var (key, values) in form)
        {
            var close = key.IndexOf("].", StringComparison.Ordinal);
            if (!key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || close <= Prefix.Length)
            {
                continue;
            }

            var value = values.Count == 0 || string.IsNullOrEmpty(values[0]) ? null : values[0];
            var id = key[Prefix.Length..close];
            var answer = answers.GetValueOrDefault(id) ?? new Answer();
            if (!Set(answer, key[(close + 2)..], value))
            {
                continue;
            }

            answers[id] = answer;
        }

        foreach (var answer in answers.Values.Where(a => a.Grade == GradingScale.NotApplicable))
        {
            answer.Grade = null;
            answer.NotApplicable = true;
        }

        return answers;
    }

    private static bool Set(Answer answer, string part, string? value)
    {
        switch (part.ToLowerInvariant())
        {
            case "grade": answer.Grade = value; break;
            case "notapplicablereason": answer.NotApplicableReason = value; break;
            case "evidence": answer.Evidence = value; break;
            case "strengths": answer.Strengths = value; break;
            case "better": answer.Better = value; break;
            case "text": answer.Text = value; break;
            default: return false;
        }

        return true;
    }
}
