using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;
using CaseAudit.Web.Identity;
using Microsoft.Extensions.DependencyInjection;
using static CaseAudit.Tests.Pages.Returns.ReturnSteps;

namespace CaseAudit.Tests.Pages.Returns;

/// The return in sections: a GOV.UK task list, a page per section with "Save and continue",
/// check answers listing what is missing, and submit only when nothing required is.
public sealed class ReturnSectionsTests
{
    private const string First = "regular-reflective-supervision";
    private const string Second = "spotting-drift";
    private const string Reflection = "practitioner-reflection";

    private static async Task<List<(string Task, string Status)>> TaskListAsync(HttpClient client, string returnId)
    {
        var page = await client.GetDocumentAsync($"/returns/{returnId}");
        return page.QuerySelectorAll(".govuk-task-list .govuk-task-list__item")
            .Select(li => (li.QuerySelector(".govuk-task-list__link")!.TextContent.Trim(), li.QuerySelector(".govuk-task-list__status")!.TextContent.Trim()))
            .ToList();
    }

    [Fact]
    public async Task The_task_list_shows_every_section_not_started_on_a_return_with_no_answers()
    {
        await using var app = new CaseAuditApp();
        var (client, fixture) = await PoliceAuditorAsync(app);
        var template = Supervision(app);

        var page = await client.GetDocumentAsync($"/returns/{fixture.PoliceReturn.Id}");

        var tasks = await TaskListAsync(client, fixture.PoliceReturn.Id);
        Assert.Equal([.. template.Sections.Select(s => s.Title), "Overall grade and the child's voice"], tasks.Select(t => t.Task));
        Assert.All(tasks, t => Assert.Equal("Not started", t.Status));
        // GOV.UK's task list markup: each link is described by its hint and its status.
        foreach (var item in page.QuerySelectorAll(".govuk-task-list__item.govuk-task-list__item--with-link"))
        {
            var link = item.QuerySelector<IHtmlAnchorElement>("a.govuk-link.govuk-task-list__link")!;
            var described = link.GetAttribute("aria-describedby")!.Split(' ');
            Assert.Equal(2, described.Length);
            Assert.Equal(item.QuerySelector(".govuk-task-list__hint")!.Id, described[0]);
            Assert.Equal(item.QuerySelector(".govuk-task-list__status")!.Id, described[1]);
            Assert.Equal("govuk-tag govuk-tag--blue", item.QuerySelector(".govuk-task-list__status strong")!.ClassName);
        }

        Assert.Equal(SectionUrl(fixture.PoliceReturn.Id, First), page.QuerySelector<IHtmlAnchorElement>(".govuk-task-list__link")!.GetAttribute("href"));
        Assert.Contains("completed 0 of 7 sections", page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task The_task_list_shows_sections_in_progress_and_completed_on_a_partly_answered_return()
    {
        await using var app = new CaseAuditApp();
        var (client, fixture) = await PoliceAuditorAsync(app);
        var template = Supervision(app);
        var id = fixture.PoliceReturn.Id;

        // A grade without its required evidence, and the other questions of the section untouched.
        AssertRedirect(await SaveAsync(client, SectionUrl(id, First), new() { [ReturnRules.Field("SU-01", "Grade")] = "Yes" }));
        AssertRedirect(await SaveAsync(client, SectionUrl(id, Second), Complete(template.Sections[1])));
        AssertRedirect(await SaveAsync(client, SectionUrl(id, Reflection), new() { [ReturnRules.Field("SU-15", "Text")] = "I would have asked for the chronology." }));
        AssertRedirect(await SaveAsync(client, OverallUrl(id), new() { ["OverallGrade"] = "No" }));

        var tasks = (await TaskListAsync(client, id)).ToDictionary(t => t.Task, t => t.Status);

        Assert.Equal("In progress", tasks["Regular, reflective supervision"]);
        Assert.Equal("Completed", tasks[template.Sections[1].Title]);
        Assert.Equal("Not started", tasks["Decisions, plans and contingency planning"]);
        Assert.Equal("Not started", tasks["Escalation and professional challenge"]);
        // Its questions are all optional: answering one completes it.
        Assert.Equal("Completed", tasks["The practitioner's reflection"]);
        Assert.Equal("Not started", tasks["Feedback from the child and family"]);
        Assert.Equal("In progress", tasks["Overall grade and the child's voice"]);
        var page = await client.GetDocumentAsync($"/returns/{id}");
        Assert.Equal("govuk-tag govuk-tag--light-blue", page.QuerySelectorAll(".govuk-task-list__status")[0].QuerySelector("strong")!.ClassName);
        // "Completed" is plain text in GOV.UK's task list, not a tag.
        Assert.Null(page.QuerySelectorAll(".govuk-task-list__status")[1].QuerySelector("strong"));
        Assert.Contains("completed 2 of 7 sections", page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task The_task_list_shows_every_section_completed_once_everything_is_answered()
    {
        await using var app = new CaseAuditApp();
        var (client, fixture) = await PoliceAuditorAsync(app);

        await CompleteAllAsync(app, client, fixture.PoliceReturn.Id);

        var tasks = await TaskListAsync(client, fixture.PoliceReturn.Id);
        Assert.Equal(7, tasks.Count);
        Assert.All(tasks, t => Assert.Equal("Completed", t.Status));
    }

    [Fact]
    public async Task Save_and_continue_saves_only_its_section_keeps_the_others_and_goes_to_the_next_section()
    {
        await using var app = new CaseAuditApp();
        var (client, fixture) = await PoliceAuditorAsync(app);
        var template = Supervision(app);
        var id = fixture.PoliceReturn.Id;
        AssertRedirect(await SaveAsync(client, SectionUrl(id, Second), Complete(template.Sections[1])));
        AssertRedirect(await SaveAsync(client, OverallUrl(id), CompleteOverall()));
        var before = Stored(app, id);

        var form = (await client.GetDocumentAsync(SectionUrl(id, First))).QuerySelector<IHtmlFormElement>("main form")!;
        // The section's page carries its own questions and nothing else.
        var names = form.Elements.Select(e => e.GetAttribute("name")).OfType<string>().Where(n => n.StartsWith("Answers[", StringComparison.Ordinal)).ToList();
        Assert.All(names, n => Assert.Matches(@"^Answers\[SU-0[1-4]\]\.", n));
        var response = await client.SubmitAsync(form, new Dictionary<string, string>
        {
            [ReturnRules.Field("SU-01", "Grade")] = "No",
            [ReturnRules.Field("SU-01", "Evidence")] = "No supervision recorded between March and June.",
        });

        Assert.Equal(SectionUrl(id, Second), response.Headers.Location!.OriginalString);
        var after = Stored(app, id);
        Assert.Equal(before.Version + 1, after.Version);
        Assert.Equal("No", after.Answers["SU-01"].Grade);
        foreach (var q in template.Sections[1].Questions)
        {
            Assert.Equal(before.Answers[q.Id].Grade, after.Answers[q.Id].Grade);
            Assert.Equal(before.Answers[q.Id].Evidence, after.Answers[q.Id].Evidence);
        }

        Assert.Equal(before.OverallGrade, after.OverallGrade);
        Assert.Equal(before.ChildVoiceSummary, after.ChildVoiceSummary);

        // Clearing an answer on a section's page clears it there only.
        AssertRedirect(await SaveAsync(client, SectionUrl(id, First), new() { [ReturnRules.Field("SU-01", "Evidence")] = "" }));
        var cleared = Stored(app, id);
        Assert.Null(cleared.Answers["SU-01"].Evidence);
        Assert.Equal(template.Sections[1].Questions.Count, template.Sections[1].Questions.Count(q => cleared.Answers.ContainsKey(q.Id)));
    }

    [Fact]
    public async Task A_section_save_naming_another_sections_question_is_refused_and_stores_nothing()
    {
        await using var app = new CaseAuditApp();
        var (client, fixture) = await PoliceAuditorAsync(app);
        var id = fixture.PoliceReturn.Id;
        AssertRedirect(await SaveAsync(client, SectionUrl(id, Second), new() { [ReturnRules.Field("SU-05", "Grade")] = "Yes" }));

        var response = await SaveAsync(client, SectionUrl(id, First), new() { [ReturnRules.Field("SU-01", "Grade")] = "No", [ReturnRules.Field("SU-05", "Grade")] = "No" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("SU-05 is in another section", (await response.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        var stored = Stored(app, id);
        Assert.Equal(1, stored.Version);
        Assert.Equal("Yes", stored.Answers["SU-05"].Grade);
        Assert.False(stored.Answers.ContainsKey("SU-01"));
    }

    [Fact]
    public async Task A_section_with_errors_shows_the_error_summary_linked_to_its_fields_and_keeps_what_was_typed()
    {
        await using var app = new CaseAuditApp();
        var (client, fixture) = await PoliceAuditorAsync(app);
        var evidence = "Supervision on 3 March; nothing after. " + new string('e', ReturnRules.MaxEvidence);
        var reason = new string('r', ReturnRules.MaxReason + 1);

        var response = await SaveAsync(client, SectionUrl(fixture.PoliceReturn.Id, First), new()
        {
            [ReturnRules.Field("SU-01", "Grade")] = "Sometimes",
            [ReturnRules.Field("SU-02", "Grade")] = "Partly",
            [ReturnRules.Field("SU-02", "Evidence")] = evidence,
            [ReturnRules.Field("SU-03", "Grade")] = GradingScale.NotApplicable,
            [ReturnRules.Field("SU-03", "NotApplicableReason")] = reason,
            [ReturnRules.Field("SU-04", "Strengths")] = "Reflective notes on the mother's engagement.",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.StartsWith("Error:", page.Title);
        var links = page.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(["#Answers_SU-01__Grade", "#Answers_SU-02__Evidence", "#Answers_SU-03__NotApplicableReason"], links);
        foreach (var link in links)
        {
            var field = page.GetElementById(link[1..]);
            Assert.NotNull(field);
            Assert.NotNull(field.Closest(".govuk-form-group--error"));
        }

        Assert.Equal(evidence, page.QuerySelector<IHtmlTextAreaElement>("#Answers_SU-02__Evidence")!.Value);
        Assert.Equal(reason, page.QuerySelector<IHtmlTextAreaElement>("#Answers_SU-03__NotApplicableReason")!.Value);
        Assert.Equal("Reflective notes on the mother's engagement.", page.QuerySelector<IHtmlTextAreaElement>("#Answers_SU-04__Strengths")!.Value);
        Assert.True(page.QuerySelector<IHtmlInputElement>("input[name='Answers[SU-02].Grade'][value=Partly]")!.IsChecked);
        Assert.True(page.QuerySelector<IHtmlInputElement>("#Answers_SU-03__Grade-na")!.IsChecked);
        // The reason stays revealed while "Not applicable" is chosen.
        Assert.DoesNotContain("govuk-radios__conditional--hidden", page.GetElementById("conditional-Answers_SU-03__Grade-na")!.ClassName);
        Assert.Equal("Answers_SU-02__Evidence-hint Answers_SU-02__Evidence-error", page.QuerySelector("#Answers_SU-02__Evidence")!.GetAttribute("aria-describedby"));
        Assert.Equal(0, Stored(app, fixture.PoliceReturn.Id).Version);
    }

    [Fact]
    public async Task A_stale_section_save_shows_the_conflict_and_keeps_what_was_typed()
    {
        await using var app = new CaseAuditApp();
        var (client, fixture) = await PoliceAuditorAsync(app);
        var colleague = await app.SignInAsync(await app.CreateUserAsync("sam.police", [Roles.Auditor], agencyId: TestUsers.AgencyId));
        var id = fixture.PoliceReturn.Id;
        var myForm = (await client.GetDocumentAsync(SectionUrl(id, First))).QuerySelector<IHtmlFormElement>("main form")!;
        AssertRedirect(await SaveAsync(colleague, SectionUrl(id, First), new() { [ReturnRules.Field("SU-01", "Grade")] = "Yes", [ReturnRules.Field("SU-01", "Evidence")] = "Their evidence" }));
        AssertRedirect(await SaveAsync(colleague, SectionUrl(id, Second), new() { [ReturnRules.Field("SU-05", "Grade")] = "Partly" }));

        var mine = "My evidence, typed carefully over twenty minutes.";
        var response = await client.SubmitAsync(myForm, new Dictionary<string, string> { [ReturnRules.Field("SU-01", "Grade")] = "No", [ReturnRules.Field("SU-01", "Evidence")] = mine });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.NotNull(page.QuerySelector("#conflict-title"));
        var conflict = page.QuerySelector("#conflict")!.TextContent;
        Assert.Contains("Their evidence", conflict);
        Assert.Contains(mine, conflict);
        Assert.Equal(mine, page.QuerySelector<IHtmlTextAreaElement>("#Answers_SU-01__Evidence")!.Value);
        Assert.True(page.QuerySelector<IHtmlInputElement>("input[name='Answers[SU-01].Grade'][value=No]")!.IsChecked);
        Assert.Equal("Their evidence", Stored(app, id).Answers["SU-01"].Evidence);

        // Saving again from the conflict page is a deliberate choice: it replaces theirs on this
        // section and leaves the section they also changed alone.
        var again = await client.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!);
        Assert.Equal(SectionUrl(id, Second), again.Headers.Location!.OriginalString);
        var stored = Stored(app, id);
        Assert.Equal(mine, stored.Answers["SU-01"].Evidence);
        Assert.Equal("Partly", stored.Answers["SU-05"].Grade);
    }

    [Fact]
    public async Task Check_answers_lists_each_missing_answer_linked_to_its_field_on_its_section_page()
    {
        await using var app = new CaseAuditApp();
        var (client, fixture) = await PoliceAuditorAsync(app);
        var template = Supervision(app);
        var id = fixture.PoliceReturn.Id;
        var first = Complete(template.Sections[0]);
        first.Remove(ReturnRules.Field("SU-01", "Evidence"));
        first[ReturnRules.Field("SU-02", "Grade")] = GradingScale.NotApplicable;
        AssertRedirect(await SaveAsync(client, SectionUrl(id, First), first));
        foreach (var section in template.Sections.Skip(2))
        {
            AssertRedirect(await SaveAsync(client, SectionUrl(id, section.Id), Complete(section)));
        }

        AssertRedirect(await SaveAsync(client, OverallUrl(id), new() { ["ChildVoiceSummary"] = "She said nobody asked her." }));

        var check = await client.GetDocumentAsync($"/returns/{id}/check");

        var links = check.QuerySelectorAll("#missing a").Select(a => (Href: a.GetAttribute("href")!, Text: a.TextContent.Trim())).ToList();
        Assert.Contains((SectionUrl(id, First) + "#Answers_SU-01__Evidence", "SU-01: enter the evidence for your grade"), links);
        Assert.Contains((SectionUrl(id, First) + "#Answers_SU-02__NotApplicableReason", "SU-02: say why the question is not applicable"), links);
        Assert.Contains(links, l => l.Href == SectionUrl(id, Second) + "#Answers_SU-05__Grade" && l.Text.StartsWith("SU-05: choose a grade", StringComparison.Ordinal));
        Assert.Contains(links, l => l.Href == OverallUrl(id) + "#OverallGrade");
        // Two for the second section (grade and evidence for each of its four questions), two in
        // the first, one overall.
        Assert.Equal(2 + 8 + 1, links.Count);
        Assert.Contains("11 required answers", check.QuerySelector(".govuk-notification-banner__heading")!.TextContent);
        foreach (var (href, text) in links)
        {
            var (path, fragment) = (href.Split('#')[0], href.Split('#')[1]);
            var page = await client.GetDocumentAsync(path);
            Assert.True(page.GetElementById(fragment) is IHtmlInputElement or IHtmlTextAreaElement, $"{text}: no field #{fragment} on {path}");
        }

        // Change links go to each question's first field on its section page.
        var changes = check.QuerySelectorAll(".govuk-summary-list__actions a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Contains(SectionUrl(id, Second) + "#Answers_SU-05__Grade", changes);
        Assert.Contains(SectionUrl(id, Reflection) + "#Answers_SU-15__Text", changes);
        Assert.Contains(OverallUrl(id) + "#ChildVoiceSummary", changes);
        Assert.Equal(template.QuestionCount + 2, changes.Count);
    }

    [Fact]
    public async Task Submit_is_absent_until_the_return_is_complete_and_a_crafted_submit_is_refused_until_then()
    {
        await using var app = new CaseAuditApp();
        var (client, fixture) = await PoliceAuditorAsync(app);
        var id = fixture.PoliceReturn.Id;
        var template = Supervision(app);
        foreach (var section in template.Sections.Take(template.Sections.Count - 1))
        {
            AssertRedirect(await SaveAsync(client, SectionUrl(id, section.Id), Complete(section)));
        }

        var incomplete = await client.GetDocumentAsync($"/returns/{id}/check");
        Assert.Null(incomplete.QuerySelector("main form"));
        Assert.DoesNotContain(incomplete.QuerySelectorAll("button"), b => b.TextContent.Contains("Submit", StringComparison.Ordinal));

        var token = incomplete.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
            ?? (await client.GetDocumentAsync(SectionUrl(id, First))).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var version = Stored(app, id).Version;
        var crafted = await client.PostAsync($"/returns/{id}/check", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("version", $"{version}")]));

        Assert.Equal($"/returns/{id}/check", crafted.Headers.Location!.OriginalString);
        Assert.Equal(ReturnStatus.InProgress, Stored(app, id).Status);
        Assert.Equal(version, Stored(app, id).Version);
        Assert.Empty(app.Services.GetRequiredService<AuditTrail>().Find(new AuditQuery { Type = "return.submitted" }));
        Assert.Contains("has not been submitted", (await client.GetDocumentAsync($"/returns/{id}/check")).QuerySelector("main")!.TextContent);

        // The text-only last section is optional: the overall part is what remains.
        AssertRedirect(await SaveAsync(client, OverallUrl(id), CompleteOverall()));
        var complete = await client.GetDocumentAsync($"/returns/{id}/check");
        Assert.Null(complete.QuerySelector("#missing"));
        var submit = complete.QuerySelector<IHtmlFormElement>("main form")!;
        Assert.Equal("Submit return", submit.QuerySelector("button")!.TextContent.Trim());
        Assert.Equal("/returns", (await client.SubmitAsync(submit)).Headers.Location!.OriginalString);
        Assert.Equal(ReturnStatus.Submitted, Stored(app, id).Status);
    }

    [Fact]
    public async Task Every_control_on_each_section_page_has_its_own_accessible_name_and_evidence_names_its_question()
    {
        await using var app = new CaseAuditApp();
        var (client, fixture) = await PoliceAuditorAsync(app);
        var template = Supervision(app);
        var urls = template.Sections.Select(s => SectionUrl(fixture.PoliceReturn.Id, s.Id)).Append(OverallUrl(fixture.PoliceReturn.Id));

        foreach (var url in urls)
        {
            var page = await client.GetDocumentAsync(url);
            var names = page.QuerySelectorAll("main a[href], main button, main summary, main input:not([type=hidden]), main textarea")
                .Select(control => AccessibleName(page, control))
                .ToList();
            Assert.All(names, n => Assert.False(string.IsNullOrWhiteSpace(n), $"{url}: a control has no name"));
            var repeated = names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(repeated.Count == 0, $"{url}: {string.Join(" | ", repeated)}");
        }

        var first = await client.GetDocumentAsync(SectionUrl(fixture.PoliceReturn.Id, First));
        Assert.Equal("Evidence for SU-03", first.QuerySelector("label[for=Answers_SU-03__Evidence]")!.TextContent.Trim());
        var evidenceLabels = first.QuerySelectorAll("textarea[name$='.Evidence']").Select(t => first.QuerySelector($"label[for='{t.Id}']")!.TextContent.Trim()).ToList();
        Assert.Equal(["Evidence for SU-01", "Evidence for SU-02", "Evidence for SU-03", "Evidence for SU-04"], evidenceLabels);
    }

    // Close enough to the accessible name computation for these controls: a field's label (a
    // radio's with its group's legend, as screen readers announce it), else its own text.
    private static string AccessibleName(IDocument page, IElement control)
    {
        var label = control.Id is { Length: > 0 } id ? page.QuerySelector($"label[for='{id}']")?.TextContent : null;
        var name = Normalise(label ?? control.TextContent);
        if (control is IHtmlInputElement { Type: "radio" } && control.Closest("fieldset")?.QuerySelector("legend") is { } legend)
        {
            name = $"{Normalise(legend.TextContent)}: {name}";
        }

        return name;
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task Not_applicable_uses_govuk_frontends_conditional_reveal_markup_with_no_hand_written_aria_state()
    {
        await using var app = new CaseAuditApp();
        var (client, fixture) = await PoliceAuditorAsync(app);

        var html = await (await client.GetAsync(SectionUrl(fixture.PoliceReturn.Id, First))).Content.ReadAsStringAsync();
        var page = await client.GetDocumentAsync(SectionUrl(fixture.PoliceReturn.Id, First));

        var radios = page.QuerySelectorAll<IHtmlInputElement>($"input[type=radio][value='{GradingScale.NotApplicable}']").ToList();
        Assert.Equal(4, radios.Count);
        foreach (var radio in radios)
        {
            var controls = radio.GetAttribute("data-aria-controls");
            Assert.Equal($"conditional-{radio.Id}", controls);
            var item = radio.ParentElement!;
            Assert.Equal("govuk-radios__item", item.ClassName);
            Assert.NotNull(item.Closest(".govuk-radios[data-module=govuk-radios]"));
            // GOV.UK's script looks for the conditional by id; its markup puts it straight after the item.
            var conditional = item.NextElementSibling!;
            Assert.Equal(controls, conditional.Id);
            Assert.Equal("govuk-radios__conditional govuk-radios__conditional--hidden", conditional.ClassName);
            Assert.NotNull(conditional.QuerySelector("textarea[name$='.NotApplicableReason']"));
        }

        // aria-controls and aria-expanded on a radio are GOV.UK Frontend's script's to set, never the page's.
        Assert.DoesNotContain("aria-expanded", html);
        Assert.Empty(page.QuerySelectorAll("main [aria-controls]"));
    }

    [Fact]
    public async Task Without_script_not_applicable_and_its_reason_are_on_the_page_and_sent_by_the_plain_form()
    {
        await using var app = new CaseAuditApp();
        var (client, fixture) = await PoliceAuditorAsync(app);
        // AngleSharp runs no script: the page as a browser without JavaScript has it.
        var form = (await client.GetDocumentAsync(SectionUrl(fixture.PoliceReturn.Id, First))).QuerySelector<IHtmlFormElement>("main form")!;
        var reason = form.QuerySelector<IHtmlTextAreaElement>("#Answers_SU-04__NotApplicableReason")!;
        Assert.Same(form, reason.Form);
        // Hidden by GOV.UK's CSS only under .govuk-frontend-supported, which only its script sets.
        Assert.Null(reason.Closest("[hidden]"));

        AssertRedirect(await client.SubmitAsync(form, new Dictionary<string, string>
        {
            [ReturnRules.Field("SU-04", "Grade")] = GradingScale.NotApplicable,
            [ReturnRules.Field("SU-04", "NotApplicableReason")] = "The police have no role in assessment tools.",
        }));

        var stored = Stored(app, fixture.PoliceReturn.Id).Answers["SU-04"];
        Assert.True(stored.NotApplicable);
        Assert.Equal("The police have no role in assessment tools.", stored.NotApplicableReason);
    }

    [Fact]
    public async Task Each_question_on_a_section_page_is_its_own_block_in_the_form_holding_only_its_own_fields()
    {
        // Found by the browser journey: a question answered in words left its block unclosed, so
        // the next question's block sat inside it.
        await using var app = new CaseAuditApp();
        var (client, fixture) = await PoliceAuditorAsync(app);
        var template = Supervision(app);

        foreach (var section in template.Sections)
        {
            var page = await client.GetDocumentAsync(SectionUrl(fixture.PoliceReturn.Id, section.Id));
            var form = page.QuerySelector("main form")!;
            var blocks = form.Children.Where(e => e.Id?.StartsWith("q-", StringComparison.Ordinal) == true).ToList();
            Assert.Equal(section.Questions.Select(q => $"q-{q.Id}"), blocks.Select(b => b.Id));
            foreach (var (block, question) in blocks.Zip(section.Questions))
            {
                var fields = block.QuerySelectorAll("input[name], textarea[name]").Select(f => f.GetAttribute("name")!).Distinct().ToList();
                Assert.NotEmpty(fields);
                Assert.All(fields, name => Assert.StartsWith($"{ReturnRules.FieldPrefix}{question.Id}].", name));
            }
        }
    }

    [Fact]
    public async Task A_section_that_is_not_in_the_template_is_not_found()
    {
        await using var app = new CaseAuditApp();
        var (client, fixture) = await PoliceAuditorAsync(app);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(SectionUrl(fixture.PoliceReturn.Id, "no-such-section"))).StatusCode);
    }

    [Fact]
    public async Task The_old_whole_return_save_is_gone_and_a_post_to_the_task_list_changes_nothing()
    {
        await using var app = new CaseAuditApp();
        var (client, fixture) = await PoliceAuditorAsync(app);
        var token = (await client.GetDocumentAsync(SectionUrl(fixture.PoliceReturn.Id, First))).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        var post = await client.PostAsync($"/returns/{fixture.PoliceReturn.Id}", new FormUrlEncodedContent([
            new("__RequestVerificationToken", token), new("version", "0"), new("action", "draft"), new(ReturnRules.Field("SU-01", "Grade"), "No")]));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Equal(0, Stored(app, fixture.PoliceReturn.Id).Version);
    }
}
