using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Pages.Admin;

// Admins cannot open rounds, so the trail they read says who did what to which record, and
// never what was written about a child.
public sealed class AuditCaseContentTests
{
    private const string Seen = "Bruising seen on the left arm at the home visit";
    private const string Taken = "Strategy discussion requested with the duty sergeant";
    private const string FollowedUp = "Section 47 enquiry opened by the locality team";
    private const string What = "Record the views of the sibling at the next core group";
    private const string Learning = "Nobody asked the stepfather about the injuries";

    private static readonly string[] Texts = [Seen, Taken, FollowedUp, What, Learning];

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string url, Dictionary<string, string> values, Func<IDocument, IHtmlFormElement>? form = null)
    {
        var page = await client.GetDocumentAsync(url);
        return await client.SubmitAsync(form?.Invoke(page) ?? page.QuerySelector<IHtmlFormElement>("main form")!, values);
    }

    private static async Task RecordCaseContentAsync(CaseAuditApp app, RoundFixture fixture)
    {
        var auditor = await app.SignInAsync(await app.CreateUserAsync("pat.police", [Roles.Auditor], agencyId: TestUsers.AgencyId));
        var coordinator = await app.SignInAsync(await app.CreateUserAsync("cora.coordinator", [Roles.Coordinator]));
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        store.Concerns.DeleteAll();

        await SubmitAsync(auditor, $"/returns/{fixture.PoliceReturn.Id}/concern", new() { ["Input.WhatWasSeen"] = Seen, ["Input.ActionTaken"] = Taken });
        var concern = Assert.Single(store.Concerns.FindAll());
        await SubmitAsync(coordinator, $"/rounds/{fixture.Round.Id}/concerns/{concern.Id}", new() { ["FollowUp"] = FollowedUp });
        await SubmitAsync(coordinator, $"/rounds/{fixture.Round.Id}/case-actions", new()
        {
            ["CaseId"] = fixture.Case.Id, ["AgencyId"] = TestUsers.AgencyId, ["What"] = What,
            ["Due.Day"] = "31", ["Due.Month"] = "1", ["Due.Year"] = "2027",
        });
        await SubmitAsync(coordinator, $"/rounds/{fixture.Round.Id}/learning", new()
        {
            ["Input.Kind"] = "AreaForDevelopment", ["Input.Text"] = Learning, ["Input.QuestionIds"] = "SU-03", ["Input.CaseIds"] = fixture.Case.Id,
        }, page => page.QuerySelectorAll<IHtmlFormElement>("main form").Last());

        // The stored entries keep the content: the test is about what an Admin is shown.
        var stored = string.Join("\n", app.Services.GetRequiredService<AuditTrail>().All().Select(e => e.Summary + e.Before + e.After));
        Assert.All(Texts, text => Assert.Contains(text, stored));
    }

    [Fact]
    public async Task An_admin_reading_the_audit_page_sees_who_did_what_but_never_the_case_content()
    {
        var (app, admin, _) = await AdminTestUsers.SignedInAdminAsync();
        await using var _app = app;
        var fixture = RoundFixture.Grading(app);
        await RecordCaseContentAsync(app, fixture);

        var page = await admin.GetDocumentAsync("/admin/audit");

        var table = page.QuerySelector("#entries")!.TextContent;
        Assert.All(Texts, text => Assert.DoesNotContain(text, table));
        var rows = page.QuerySelectorAll("#entries tbody tr").Select(r => r.TextContent).ToList();
        foreach (var (type, actor) in new[]
        {
            ("concern.raised", "pat.police"), ("concern.followed-up", "cora.coordinator"),
            ("case-action.created", "cora.coordinator"), ("learning.added", "cora.coordinator"),
        })
        {
            var row = Assert.Single(rows, r => r.Contains(type));
            Assert.Contains(actor, row);
            Assert.Contains(AuditForAdmins.Hidden, row);
        }

        Assert.Contains(rows, r => r.Contains("concern.raised") && r.Contains("NS-2026-001"));
        Assert.True(app.Services.GetRequiredService<AuditTrail>().VerifyAll().Ok);
    }

    [Fact]
    public async Task The_admins_csv_keeps_case_content_out_and_its_hashes_unchanged()
    {
        var (app, admin, _) = await AdminTestUsers.SignedInAdminAsync();
        await using var _app = app;
        var fixture = RoundFixture.Grading(app);
        await RecordCaseContentAsync(app, fixture);
        var trail = app.Services.GetRequiredService<AuditTrail>();
        var stored = trail.All().ToDictionary(e => e.Seq);

        var csv = await (await admin.GetAsync("/admin/audit/download")).Content.ReadAsStringAsync();

        Assert.All(Texts, text => Assert.DoesNotContain(text, csv));
        var lines = csv.TrimEnd().Split("\r\n").Skip(1).ToList();
        var concern = Assert.Single(lines, l => l.Contains(",concern.raised,"));
        Assert.Contains(",pat.police,", concern);
        Assert.Contains(AuditForAdmins.Hidden, concern);
        Assert.Contains(lines, l => l.Contains(",learning.added,") && l.Contains(AuditForAdmins.Hidden));
        Assert.Contains(lines, l => l.Contains(",case-action.created,") && l.Contains(AuditForAdmins.Hidden));
        // Every row carries the hash the data file holds, so the copy still lines up with the chain.
        Assert.All(lines.Where(l => !l.Contains("audit.exported")), l =>
        {
            var seq = long.Parse(l[..l.IndexOf(',')], System.Globalization.CultureInfo.InvariantCulture);
            Assert.EndsWith($",{stored[seq].PreviousHash},{stored[seq].Hash}", l);
        });
        Assert.True(trail.VerifyAll().Ok);
    }

    // Entries written before the summaries stopped quoting the reason still hold it.
    [Fact]
    public async Task A_reopen_reason_is_not_shown_to_an_admin_even_in_an_older_summary()
    {
        var (app, admin, _) = await AdminTestUsers.SignedInAdminAsync();
        await using var _app = app;
        app.Services.GetRequiredService<AuditTrail>().Append(new AuditEvent("return.reopened",
            "Reopened the police return for case NS-2026-001: the child disclosed abuse at school", null, "cora.coordinator",
            Subject: "return:r1", After: new { status = "InProgress", reason = "the child disclosed abuse at school" }));

        var row = (await admin.GetDocumentAsync("/admin/audit?Type=return.reopened")).QuerySelector("#entries tbody tr")!.TextContent;
        var csv = await (await admin.GetAsync("/admin/audit/download?type=return.reopened")).Content.ReadAsStringAsync();

        Assert.Contains("Reopened the police return for case NS-2026-001", row);
        Assert.DoesNotContain("disclosed", row);
        Assert.DoesNotContain("disclosed", csv);
        Assert.Contains("cora.coordinator", csv);
    }

    [Fact]
    public async Task Entries_without_case_content_still_show_their_before_and_after()
    {
        var (app, admin, _) = await AdminTestUsers.SignedInAdminAsync();
        await using var _app = app;
        app.Services.GetRequiredService<AuditTrail>().Append(new AuditEvent("return.saved", "Saved draft of the police return for case NS-2026-001 (version 2)", null, "pat.police",
            After: new Dictionary<string, string> { ["SU-03"] = "Good" }));

        var row = (await admin.GetDocumentAsync("/admin/audit?Type=return.saved")).QuerySelector("#entries tbody tr")!.TextContent;

        Assert.Contains("\"SU-03\": \"Good\"", row);
        Assert.DoesNotContain(AuditForAdmins.Hidden, row);
    }

    [Fact]
    public async Task A_reopen_names_the_return_but_its_summary_does_not_quote_the_reason()
    {
        await using var app = new CaseAuditApp();
        var fixture = RoundFixture.Grading(app);
        var desk = app.Services.GetRequiredService<CaseAudit.Web.Returns.ReturnDesk>();
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var ret = store.Returns.FindById(fixture.PoliceReturn.Id);
        ret.Status = CaseAudit.Web.Domain.Rounds.ReturnStatus.Submitted;
        store.Returns.Update(ret);

        Assert.Null(await desk.ReopenAsync(ret.Id, "the child disclosed abuse at school", new Actor(null, "cora.coordinator")));

        var entry = Assert.Single(app.Trail("return.reopened"));
        Assert.DoesNotContain("disclosed", entry.Summary);
        Assert.Contains("NS-2026-001", entry.Summary);
        Assert.Contains("disclosed", entry.After);
    }
}
