using System.Globalization;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Actions;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Templates;

namespace CaseAudit.Web.Demo;

/// The demo's two rounds on the use-of-history template, as the README and tests name them.
/// An earlier round, graded by every agency, moderated by the panel and published with its
/// learning, action plan and case actions (followed up week by week since); and a repeat audit
/// of the same template now grading, with returns at every status and one open safeguarding
/// concern, so the trend between them has a baseline and the plan carries over.
public static class DemoRounds
{
    public static string TemplateId => DemoPartnership.Story.Published.Template;

    public static string PublishedRoundId => DemoPartnership.Story.Published.Id;

    public static string GradingRoundId => DemoPartnership.Story.Grading.Id;

    public static string Coordinator => DemoPartnership.People.First(p => p.Roles.Contains(Roles.Coordinator)).UserName;

    // The published round's deadline is always a year before the demo is created, so the repeat
    // audit falls a year later, as partnerships repeat themed audits; its period is fixed so its
    // title stays true.
    internal static DateOnly PublishedDeadline(DateOnly today) => today.AddMonths(-12);

    internal static DateTime PartnershipSetUp(DateOnly today) => At(PublishedDeadline(today).AddDays(-70), 9, 0);

    internal static DateTime At(DateOnly day, int hour, int minute) => day.ToDateTime(new TimeOnly(hour, minute), DateTimeKind.Utc);
}

// The rounds' steps, in the order of the story; DemoSeed runs them in the order of their dates.
public sealed partial class DemoSeed
{
    private static DateTime At(DateOnly day, int hour, int minute) => DemoRounds.At(day, hour, minute);

    private static int Pick(string name, int count) => DemoAnswers.Pick(name, count);

    private Actor Coordinator => Person(DemoRounds.Coordinator);

    private Actor AuditorOf(string agency) =>
        Person(_story.People.FirstOrDefault(p => p.AgencyId == agency && p.Roles.Contains(Roles.Auditor))?.UserName
            ?? throw new InvalidOperationException($"demo-partnership.yaml has no auditor for {agency}, so nobody could fill in its returns."));

    private string Rounds(DateOnly today, StoredTemplateVersion stored, AuditTemplate template)
    {
        var answers = new DemoAnswers(_story, template);
        var published = PublishedRound(today, stored, template, answers);
        var grading = GradingRound(today, stored, template, answers);
        return $"2 rounds: '{published.Title}' (published, moderated, with learning and an action plan) and '{grading.Title}' (grading, returns at every status)";
    }

    private Round PublishedRound(DateOnly today, StoredTemplateVersion stored, AuditTemplate template, DemoAnswers answers)
    {
        var story = _story.Published;
        var deadline = DemoRounds.PublishedDeadline(today);
        var round = NewRound(story, stored, story.Title, DemoStory.Day(story.PeriodFrom!), DemoStory.Day(story.PeriodTo!), deadline);
        var cases = Cases(round, story);
        var gradingStarts = At(deadline.AddDays(-42), 9, 30);
        Plan(round, cases, At(deadline.AddDays(-63), 10, 5), gradingStarts);

        // Every return drafted, then submitted, in the weeks before the deadline.
        foreach (var c in cases)
        {
            foreach (var agency in c.AgencyIds)
            {
                var key = $"{c.Id}.{agency}";
                var submitted = At(DateOnly.FromDateTime(gradingStarts).AddDays(3 + Pick(key + ".day", 36)), 9 + Pick(key + ".hour", 8), Pick(key + ".minute", 60));
                var drafted = Later(submitted.AddDays(-1 - Pick(key + ".draft", 4)), gradingStarts.AddHours(1));
                Do(drafted, () => SaveReturnAsync(template, answers.Partial(story, c, agency), submit: false));
                Do(submitted, () => SaveReturnAsync(template, answers.Complete(story, c, agency), submit: true));
            }
        }

        Concerns(round, cases, story, i => At(DateOnly.FromDateTime(gradingStarts).AddDays(12 + (7 * i)), 11, 20));
        Do(At(deadline.AddDays(14), 14, 0), () => MoveAsync(round, RoundStatus.Panel));

        // The panel meets over two days: a first pass at every case, then each agreed in full.
        var panelMet = deadline.AddDays(16);
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            var notes = story.Moderation.GetValueOrDefault(c.Reference);
            Do(At(deadline.AddDays(15), 10, 0).AddMinutes(20 * i), () => ModerateAsync(template, answers, c, notes, complete: false));
            Do(At(panelMet, 10, 0).AddMinutes(25 * i), () => ModerateAsync(template, answers, c, notes, complete: true));
        }

        var learning = Learning(round, cases, template, story, At(panelMet, 15, 0));
        CaseActions(round, cases, story, panelMet);
        var publishedAt = At(deadline.AddDays(49), 11, 15);
        PlanActions(round, story, learning, At(deadline.AddDays(27), 14, 0), publishedAt);
        Do(publishedAt, () => MoveAsync(round, RoundStatus.Published));
        return round;
    }

    private Round GradingRound(DateOnly today, StoredTemplateVersion stored, AuditTemplate template, DemoAnswers answers)
    {
        var story = _story.Grading;
        // Named after its period, which moves with today so the deadline is always ahead.
        var periodTo = today.AddMonths(-1);
        var periodFrom = periodTo.AddMonths(-6).AddDays(1);
        var title = story.Title
            .Replace("{from}", periodFrom.ToString("MMMM yyyy", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{to}", periodTo.ToString("MMMM yyyy", CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var round = NewRound(story, stored, title, periodFrom, periodTo, today.AddDays(10));
        var cases = Cases(round, story);
        var gradingStarts = At(today.AddDays(-21), 9, 45);
        Plan(round, cases, At(today.AddDays(-28), 13, 20), gradingStarts);

        // Within each agency, returns in case order take turns at Submitted, InProgress and
        // NotStarted, each agency starting at a different point: every agency with three or more
        // cases has a return at every status.
        foreach (var (agency, turn) in round.AgencyIds.Select((a, i) => (a, i)))
        {
            var next = turn;
            foreach (var c in cases.Where(c => c.AgencyIds.Contains(agency)))
            {
                var key = $"{c.Id}.{agency}";
                var status = (next++ % 3) switch { 0 => ReturnStatus.Submitted, 1 => ReturnStatus.InProgress, _ => ReturnStatus.NotStarted };
                var worked = At(DateOnly.FromDateTime(gradingStarts).AddDays(1 + Pick(key + ".day", 19)), 9 + Pick(key + ".hour", 8), Pick(key + ".minute", 60));
                if (status == ReturnStatus.InProgress)
                {
                    Do(worked, () => SaveReturnAsync(template, answers.Partial(story, c, agency), submit: false));
                }
                else if (status == ReturnStatus.Submitted)
                {
                    Do(Later(worked.AddDays(-1 - Pick(key + ".draft", 3)), gradingStarts.AddHours(1)), () => SaveReturnAsync(template, answers.Partial(story, c, agency), submit: false));
                    Do(worked, () => SaveReturnAsync(template, answers.Complete(story, c, agency), submit: true));
                }
            }
        }

        // Found yesterday, while reading the records for a return still being worked on.
        Concerns(round, cases, story, _ => At(today.AddDays(-1), 10, 52));
        return round;
    }

    private static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;

    private static Round NewRound(DemoRoundStory story, StoredTemplateVersion stored, string title, DateOnly from, DateOnly to, DateOnly deadline) => new()
    {
        Id = story.Id,
        Title = title,
        TemplateId = stored.TemplateId,
        TemplateVersion = stored.Version,
        PeriodFrom = from,
        PeriodTo = to,
        GradingDeadline = deadline,
        AgencyIds = [.. story.Agencies],
    };

    // The facts a Coordinator would type on the "Add a case" page, held to the same lists.
    private List<SampledCase> Cases(Round round, DemoRoundStory story) =>
        story.Cases.Select((c, i) =>
        {
            string Fact(IReadOnlyList<string> allowed, string value, string what) =>
                CaseFacts.Match(allowed, value) ?? throw new InvalidOperationException($"Case {c.Reference} in demo-partnership.yaml: '{value}' is not a {what}.");
            Ok(CaseReference.Problem(c.Reference), $"use the case reference {c.Reference}");
            var stage = _story.AgeStages.IndexOf(c.Age);
            return new SampledCase
            {
                Id = $"{round.Id}-c{i + 1:00}",
                RoundId = round.Id,
                Reference = c.Reference,
                AgeBand = stage >= 0 ? CaseFacts.AgeBands[stage] : throw new InvalidOperationException($"Case {c.Reference}: '{c.Age}' is not one of age_stages."),
                Level = Fact(CaseFacts.Levels, c.Level, "level"),
                Categories = [.. c.Categories.Select(x => Fact(CaseFacts.NeglectCategories, x, "neglect category"))],
                Gender = Fact(CaseFacts.Genders, c.Gender, "gender"),
                EthnicityGroup = Fact(CaseFacts.EthnicityGroups, c.Ethnicity, "ethnicity group"),
                RiskFactors = [.. c.Risks.Select(x => Fact(CaseFacts.RiskFactors, x, "risk factor"))],
                AssessmentTool = Fact(CaseFacts.AssessmentTools, c.Tool, "assessment tool"),
                AgencyIds = [.. c.Agencies],
            };
        }).ToList();

    private SampledCase CaseOf(List<SampledCase> cases, string reference) =>
        cases.SingleOrDefault(c => c.Reference == reference) ?? throw new InvalidOperationException($"demo-partnership.yaml names case {reference}, which is not in its round.");

    /// Created, its sample added and grading started (which creates the returns), as the
    /// Coordinator does from the round's page.
    private void Plan(Round round, List<SampledCase> cases, DateTime created, DateTime gradingStarts)
    {
        Do(created, () => _planner.CreateAsync(round, Coordinator));
        Do(created.AddMinutes(15), async () => Ok(await _planner.AddCasesAsync(round.Id, cases, Coordinator, "the demo's sample"), $"add the cases to '{round.Title}'"));
        Do(gradingStarts, () => MoveAsync(round, RoundStatus.Grading));
    }

    private async Task MoveAsync(Round round, RoundStatus to)
    {
        var current = _store.Rounds.FindById(round.Id);
        Ok(await _planner.MoveAsync(round.Id, current.Version, to, null, Coordinator), $"move '{round.Title}' to {to}");
    }

    /// As the return pages save it: section by section, then the overall grade and the child's
    /// voice, then (when submitting) the submit — each from the version stored now, by the
    /// agency's auditor.
    private async Task SaveReturnAsync(AuditTemplate template, AgencyReturn typed, bool submit)
    {
        var by = AuditorOf(typed.AgencyId);
        void Saved(Outcome<AgencyReturn> outcome, string what) =>
            Ok(outcome.Result == SaveResult.Saved ? null : $"{outcome.Result} {string.Join("; ", outcome.Problems.Select(p => p.Message))}", $"{what} of the return {typed.Id}");
        int Version() => _store.Returns.FindById(typed.Id).Version;

        // An auditor coming back to finish a draft saves only the sections they change.
        var stored = _store.Returns.FindById(typed.Id);
        foreach (var section in template.Sections)
        {
            var answers = section.Questions.Where(q => typed.Answers.ContainsKey(q.Id)).ToDictionary(q => q.Id, q => typed.Answers[q.Id]);
            if (answers.Count > 0 && !answers.All(a => stored.Answers.TryGetValue(a.Key, out var was) && Same(was, a.Value)))
            {
                Saved(await _returns.SaveSectionAsync(template, typed.Id, Version(), section, answers, by), $"save section {section.Id}");
            }
        }

        if ((typed.OverallGrade is not null || typed.ChildVoiceSummary is not null)
            && (typed.OverallGrade != stored.OverallGrade || typed.ChildVoiceSummary != stored.ChildVoiceSummary))
        {
            Saved(await _returns.SaveOverallAsync(template, typed.Id, Version(), typed.OverallGrade, typed.ChildVoiceSummary, by), "save the overall grade");
        }

        if (submit)
        {
            Saved(await _returns.SubmitAsync(template, typed.Id, Version(), by), "submit");
        }
    }

    private static bool Same(Answer a, Answer b) =>
        (a.Grade, a.NotApplicable, a.NotApplicableReason, a.Evidence, a.Strengths, a.Better, a.Text)
        == (b.Grade, b.NotApplicable, b.NotApplicableReason, b.Evidence, b.Strengths, b.Better, b.Text);

    private void Concerns(Round round, List<SampledCase> cases, DemoRoundStory story, Func<int, DateTime> raisedAt)
    {
        for (var i = 0; i < story.Concerns.Count; i++)
        {
            var concern = story.Concerns[i];
            var sampled = CaseOf(cases, concern.Case);
            var by = AuditorOf(concern.Agency);
            var id = $"{sampled.Id}-concern";
            var at = raisedAt(i);
            Do(at, () => _concerns.RaiseAsync(
                new SafeguardingConcern { Id = id, RoundId = round.Id, CaseId = sampled.Id, AgencyId = concern.Agency, WhatWasSeen = concern.WhatWasSeen, ActionTaken = concern.ActionTaken, RaisedBy = by.Name },
                sampled.Reference, by));
            if (concern.FollowUp is { } followUp)
            {
                Do(at.AddHours(22), async () => Ok(await _concerns.FollowUpAsync(id, followUp, sampled.Reference, Coordinator) ? null : "it already had one", $"follow up the concern on {sampled.Reference}"));
            }
        }
    }

    /// What the panel page saves: the agreed grades from the agencies' submitted returns, read
    /// when the panel sits, and (when complete) the story's rationale, notes and dissent.
    private async Task ModerateAsync(AuditTemplate template, DemoAnswers answers, SampledCase sampled, DemoModeration? notes, bool complete)
    {
        if (complete && notes is null)
        {
            throw new InvalidOperationException($"demo-partnership.yaml has no moderation for case {sampled.Reference}, so the panel has no rationale to record.");
        }

        var submitted = sampled.AgencyIds.Order(StringComparer.Ordinal).Select(agency => _store.Returns.FindById(AgencyReturn.KeyOf(sampled.Id, agency)))
            .Where(r => r is { Status: ReturnStatus.Submitted }).ToList();
        var current = _panel.Find(sampled);
        var outcome = await _panel.SaveAsync(template, sampled, current.Version, answers.Moderation(sampled, submitted, notes, complete), complete, Coordinator);
        Ok(outcome.Result == SaveResult.Saved ? null : $"{outcome.Result} {string.Join("; ", outcome.Problems.Select(p => p.Message))}",
            $"{(complete ? "complete" : "save")} the moderation of {sampled.Reference}");
    }

    /// The learning points' ids by the keys the story's actions use.
    private Dictionary<string, string> Learning(Round round, List<SampledCase> cases, AuditTemplate template, DemoRoundStory story, DateTime at)
    {
        var ids = new Dictionary<string, string>();
        var questions = template.Questions.Select(q => q.Id).ToHashSet();
        for (var i = 0; i < story.Learning.Count; i++)
        {
            var l = story.Learning[i];
            var point = new LearningPoint
            {
                Id = $"{round.Id}-learning-{i + 1}",
                RoundId = round.Id,
                Kind = l.Kind switch
                {
                    "strength" => LearningKind.Strength,
                    "area for development" => LearningKind.AreaForDevelopment,
                    _ => throw new InvalidOperationException($"Learning '{l.Key}': kind must be 'strength' or 'area for development'."),
                },
                Text = l.Text.Trim(),
                QuestionIds = [.. l.Questions.Select(q => questions.Contains(q) ? q : throw new InvalidOperationException($"Learning '{l.Key}': {q} is not a question of the template."))],
                CaseIds = [.. l.Cases.Select(r => CaseOf(cases, r).Id)],
            };
            ids[l.Key] = point.Id;
            Do(at.AddMinutes(10 * i), async () => Ok(await _learning.AddAsync(point, Coordinator), $"add the learning point '{l.Key}'"));
        }

        return ids;
    }

    private void CaseActions(Round round, List<SampledCase> cases, DemoRoundStory story, DateOnly panelMet)
    {
        for (var i = 0; i < story.CaseActions.Count; i++)
        {
            var a = story.CaseActions[i];
            var sampled = CaseOf(cases, a.Case);
            var action = new CaseAction { Id = $"{round.Id}-case-action-{i + 1}", AgencyId = a.Agency, What = a.What.Trim(), Due = panelMet.AddDays(7 * a.DueWeeks) };
            Do(At(panelMet, 16, 0).AddMinutes(10 * i), () => _actions.CreateCaseActionAsync(round, sampled, action, Coordinator));
            if (a.DoneWeek is { } week)
            {
                // Marked done by the agency's own auditor, on their Case actions page.
                Do(At(panelMet.AddDays(7 * week), 11, 0).AddMinutes(10 * i), async () =>
                    Ok(await _actions.MarkDoneAsync(action.Id, _store.CaseActions.FindById(action.Id).Version, AuditorOf(a.Agency)), $"mark case action {i + 1} done"));
            }
        }
    }

    /// Raised while the panel's learning is fresh, then followed up at the plan's review
    /// meetings after publishing: each progress update with its RAG, some actions closed.
    private void PlanActions(Round round, DemoRoundStory story, Dictionary<string, string> learning, DateTime raised, DateTime publishedAt)
    {
        for (var i = 0; i < story.Actions.Count; i++)
        {
            var a = story.Actions[i];
            var problems = ActionRules.Problems(a.Workstream, a.Aim, a.Activity, a.Lead, a.LeadAgency, round.AgencyIds).Select(p => p.Message).ToList();
            Ok(problems.Count == 0 ? null : string.Join("; ", problems), $"add the action '{a.Aim}'");
            var action = new PlanAction
            {
                Id = $"{round.Id}-action-{i + 1}",
                Workstream = a.Workstream,
                Aim = a.Aim.Trim(),
                Activity = a.Activity.Trim(),
                LeadName = a.Lead.Trim(),
                LeadAgencyId = a.LeadAgency,
                Timescale = DateOnly.FromDateTime(publishedAt).AddDays(7 * a.DueWeeks),
                LearningPointIds = [.. a.Answers.Select(k => learning.GetValueOrDefault(k) ?? throw new InvalidOperationException($"Action '{a.Aim}' answers '{k}', which is not a learning point."))],
            };
            Do(raised.AddMinutes(15 * i), () => _actions.CreateAsync(round, action, Coordinator));
            foreach (var update in a.Progress)
            {
                var rag = Enum.TryParse<Rag>(update.Rag, out var r) ? r : throw new InvalidOperationException($"Action '{a.Aim}': '{update.Rag}' is not a RAG.");
                Do(publishedAt.Date.AddDays(7 * update.Week).AddHours(10).AddMinutes(30 + (10 * i)), async () =>
                    Ok(await _actions.AddProgressAsync(action.Id, _store.PlanActions.FindById(action.Id).Version, update.Text.Trim(), rag, Coordinator), $"add progress to '{a.Aim}'"));
            }

            if (a.ClosedWeek is { } closed)
            {
                Do(publishedAt.Date.AddDays(7 * closed).AddHours(16), async () =>
                    Ok(await _actions.CloseAsync(action.Id, _store.PlanActions.FindById(action.Id).Version, Coordinator), $"close '{a.Aim}'"));
            }
        }
    }
}
