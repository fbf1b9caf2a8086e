using System.Text;
using CaseAudit.Web.Rounds;
using ClosedXML.Excel;

namespace CaseAudit.Tests.Rounds;

public sealed class SampleImportTests
{
    private const string Header = "Case reference,Age band,Level of intervention,Neglect categories,Agencies involved";

    private static readonly Dictionary<string, string> AgencyNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Children's social care"] = "csc",
        ["CSC"] = "csc",
        ["Health"] = "health",
        ["Police"] = "police",
        ["Probation"] = "probation",
    };

    // Probation is an agency the partnership knows but not one taking part in this round.
    private static readonly string[] RoundAgencies = ["csc", "health", "police"];

    private static SampleImportResult ReadBytes(string fileName, byte[] bytes, IReadOnlyCollection<string>? existing = null) =>
        SampleImport.Read(fileName, new MemoryStream(bytes), bytes.Length, RoundAgencies, name => AgencyNames.GetValueOrDefault(name.Trim()), existing);

    private static SampleImportResult ReadCsv(string csv, IReadOnlyCollection<string>? existing = null) =>
        ReadBytes("sample.csv", Encoding.UTF8.GetBytes(csv), existing);

    private static byte[] Xlsx(Action<IXLWorksheet> fill)
    {
        using var workbook = new XLWorkbook();
        fill(workbook.AddWorksheet("Cases"));
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static void Row(IXLWorksheet sheet, int row, params string[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            sheet.Cell(row, i + 1).SetValue<string>(values[i]);
        }
    }

    private static string Only(SampleImportResult result)
    {
        Assert.Empty(result.Cases);
        return Assert.Single(result.Problems).ToString();
    }

    [Fact]
    public void A_valid_csv_gives_every_case_in_canonical_spelling()
    {
        var result = ReadCsv($"""
            {Header},Gender,Ethnicity group,Risk factors,Assessment tool
            NS-01,5-11,child protection,emotional; physical,CSC;police,girl,white,domestic abuse,graded care profile 2
            NS-02,12-18,EARLY HELP,Lack of supervision  and guidance,Health,,,,
            """);

        Assert.Empty(result.Problems);
        Assert.Equal(2, result.Cases.Count);
        var first = result.Cases[0];
        Assert.Equal("NS-01", first.Reference);
        Assert.Equal("5–11", first.AgeBand);
        Assert.Equal("Child protection", first.Level);
        Assert.Equal(["Emotional", "Physical"], first.Categories);
        Assert.Equal(["csc", "police"], first.AgencyIds);
        Assert.Equal("Girl", first.Gender);
        Assert.Equal("White", first.EthnicityGroup);
        Assert.Equal(["Domestic abuse"], first.RiskFactors);
        Assert.Equal("Graded Care Profile 2", first.AssessmentTool);

        var second = result.Cases[1];
        Assert.Equal("12–18", second.AgeBand);
        Assert.Equal("Early help", second.Level);
        Assert.Equal(["Lack of supervision and guidance"], second.Categories);
        Assert.Null(second.Gender);
        Assert.Null(second.EthnicityGroup);
        Assert.Empty(second.RiskFactors);
        Assert.Equal("None", second.AssessmentTool);
    }

    [Fact]
    public void A_valid_xlsx_gives_every_case_and_reads_a_number_reference_as_text()
    {
        var bytes = Xlsx(sheet =>
        {
            // Columns in another order, headings in other case and with underscores.
            Row(sheet, 1, "agencies_involved", "AGE BAND", "Case Reference", "Level of Intervention", "neglect categories", "Ethnicity group");
            Row(sheet, 2, "Health, Police", "5-11", "NS-01", "child protection", "emotional, physical", "Black, Black British, Caribbean or African");
            Row(sheet, 3, "CSC", "0-2", "", "Looked after", "Medical", "");
            sheet.Cell(3, 3).Value = 2024017; // a reference typed as a number
        });

        var result = ReadBytes("sample.xlsx", bytes);

        Assert.Empty(result.Problems);
        Assert.Equal(2, result.Cases.Count);
        Assert.Equal("NS-01", result.Cases[0].Reference);
        Assert.Equal("5–11", result.Cases[0].AgeBand);
        Assert.Equal("Child protection", result.Cases[0].Level);
        Assert.Equal(["Emotional", "Physical"], result.Cases[0].Categories);
        Assert.Equal(["health", "police"], result.Cases[0].AgencyIds);
        Assert.Equal("Black, Black British, Caribbean or African", result.Cases[0].EthnicityGroup);
        Assert.Equal("2024017", result.Cases[1].Reference);
        Assert.Equal("0–2", result.Cases[1].AgeBand);
    }

    [Fact]
    public void A_bad_age_band_is_refused_with_its_row_and_nothing_is_imported()
    {
        var result = ReadCsv($"""
            {Header}
            NS-01,5-11,Universal,Emotional,Health
            NS-02,7-10,Universal,Emotional,Health
            NS-03,0-2,Universal,Emotional,Health
            """);

        Assert.Equal("Row 3, Age band: '7-10' is not one of 0–2, 3–4, 5–11, 12–18", Only(result));
        Assert.False(result.Succeeded);
    }

    [Fact]
    public void Every_problem_is_listed_in_row_order_not_only_the_first()
    {
        var result = ReadCsv($"""
            {Header}
            NS-01,5-11,Sometimes,Emotional,Health
            NS-02,7-10,Universal,Boredom,Health
            NS-03,0-2,Universal,Emotional,
            """);

        Assert.Empty(result.Cases);
        Assert.Equal(
            [
                "Row 2, Level of intervention: 'Sometimes' is not one of Universal, Early help, Child in need, Child protection, Looked after",
                "Row 3, Age band: '7-10' is not one of 0–2, 3–4, 5–11, 12–18",
                "Row 3, Neglect categories: 'Boredom' is not one of Medical, Nutritional, Emotional, Educational, Physical, Lack of supervision and guidance, Prenatal",
                "Row 4, Agencies involved: enter at least one of this round's agencies",
            ],
            result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void A_reference_that_is_an_nhs_number_is_refused_without_repeating_it()
    {
        var result = ReadCsv($"""
            {Header}
            NS-01,5-11,Universal,Emotional,Health
            943 476 5919,5-11,Universal,Emotional,Health
            """);

        var problem = Assert.Single(result.Problems);
        Assert.Empty(result.Cases);
        Assert.Equal((2 + 1, "Case reference"), (problem.Row!.Value, problem.Column));
        Assert.Contains("looks like an NHS number", problem.Message);
        Assert.DoesNotContain("5919", problem.ToString());
    }

    // The import uses the same rules as the add-case page, separators and all.
    [Theory]
    [InlineData("943.476.5919", "NHS number")]
    [InlineData("943_476_5919", "NHS number")]
    [InlineData("BD1-1AA", "postcode")]
    [InlineData("2015.03.12", "date")]
    [InlineData("12_03_2015", "date")]
    [InlineData("12 03 2015", "date")]
    [InlineData("jane smith 2015", "name")]
    [InlineData("JANE SMITH 01", "name")]
    [InlineData("07700.900.123", "phone number")]
    public void A_child_identifying_reference_with_any_separator_is_refused_without_repeating_it(string reference, string reason)
    {
        var result = ReadCsv($"""
            {Header}
            KR/2025/0042,5-11,Universal,Emotional,Health
            {reference},5-11,Universal,Emotional,Health
            NS-2026-005,5-11,Universal,Emotional,Health
            """);

        var problem = Assert.Single(result.Problems);
        Assert.Empty(result.Cases);
        Assert.Equal((3, "Case reference"), (problem.Row!.Value, problem.Column));
        Assert.Contains(reason, problem.Message);
        Assert.DoesNotContain(reference, problem.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_reference_twice_in_the_file_is_refused_naming_the_first_row()
    {
        var result = ReadCsv($"""
            {Header}
            NS-01,5-11,Universal,Emotional,Health
            NS-02,5-11,Universal,Emotional,Health
            ns-01,5-11,Universal,Emotional,Health
            """);

        Assert.Equal("Row 4, Case reference: 'ns-01' is also on row 2", Only(result));
    }

    [Fact]
    public void A_reference_already_in_the_round_is_refused()
    {
        var result = ReadCsv($"""
            {Header}
            NS-01,5-11,Universal,Emotional,Health
            NS-07,5-11,Universal,Emotional,Health
            """, existing: ["NS-07"]);

        Assert.Equal("Row 3, Case reference: 'NS-07' is already in this round", Only(result));
    }

    [Fact]
    public void An_unknown_agency_and_one_not_in_the_round_are_both_refused()
    {
        var result = ReadCsv($"""
            {Header}
            NS-01,5-11,Universal,Emotional,Health; Fire service
            NS-02,5-11,Universal,Emotional,Probation
            """);

        Assert.Empty(result.Cases);
        Assert.Equal(
            [
                "Row 2, Agencies involved: 'Fire service' is not an agency CaseAudit knows; use the agency's name or short name",
                "Row 3, Agencies involved: 'Probation' is not taking part in this round",
            ],
            result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Missing_required_columns_are_each_named()
    {
        var result = ReadCsv("""
            Case reference,Neglect categories,Gender
            NS-01,Emotional,Girl
            """);

        Assert.Empty(result.Cases);
        Assert.Equal(["Age band", "Level of intervention", "Agencies involved"], result.Problems.Select(p => p.Column));
        Assert.All(result.Problems, p => Assert.Null(p.Row));
        Assert.Equal("Age band: the column is missing; add a column with this heading in row 1", result.Problems[0].ToString());
    }

    [Fact]
    public void A_formula_cell_is_refused_with_its_row_and_column()
    {
        var bytes = Xlsx(sheet =>
        {
            Row(sheet, 1, "Case reference", "Age band", "Level of intervention", "Neglect categories", "Agencies involved");
            for (var row = 2; row <= 5; row++)
            {
                Row(sheet, row, $"NS-0{row}", "5-11", "Universal", "Emotional", "Health");
            }

            sheet.Cell(5, 2).FormulaA1 = "=\"5-11\"";
        });

        var result = ReadBytes("sample.xlsx", bytes);

        Assert.Equal("Row 5, Age band: contains a formula; type the value instead", Only(result));
    }

    private static byte[] FiveCases(Action<IXLWorksheet> change) => Xlsx(sheet =>
    {
        Row(sheet, 1, "Case reference", "Age band", "Level of intervention", "Neglect categories", "Agencies involved", "Notes");
        for (var row = 2; row <= 6; row++)
        {
            Row(sheet, row, $"NS-0{row}", "5-11", "Universal", "Emotional", "Health");
        }

        change(sheet);
    });

    [Fact]
    public void Hidden_grouped_or_filtered_out_rows_are_refused_and_named_so_nothing_unseen_is_imported()
    {
        var hidden = FiveCases(sheet => sheet.Row(3).Hide());
        var grouped = FiveCases(sheet =>
        {
            sheet.Rows(4, 5).Group();
            sheet.Rows(4, 5).Collapse();
        });
        var filtered = FiveCases(sheet =>
        {
            sheet.Range("A1:E6").SetAutoFilter().Column(1).AddFilter("NS-02");
            sheet.Rows(3, 6).Hide(); // Excel stores filtered-out rows as hidden rows
        });

        Assert.Equal("Row 3 is hidden in the spreadsheet (hidden, grouped or filtered out). Show every row, delete any that are not cases, and import the file again", Only(ReadBytes("sample.xlsx", hidden)));
        Assert.StartsWith("Rows 4–5 are hidden", Only(ReadBytes("sample.xlsx", grouped)));
        Assert.StartsWith("Rows 3–6 are hidden", Only(ReadBytes("sample.xlsx", filtered)));
    }

    [Fact]
    public void A_hidden_column_with_values_is_refused_but_an_empty_hidden_one_is_not()
    {
        var withValues = FiveCases(sheet =>
        {
            sheet.Cell(4, 6).SetValue<string>("seen only by whoever hid it");
            sheet.Column(6).Hide();
        });
        var empty = FiveCases(sheet => sheet.Column(8).Hide());

        Assert.Equal("column F: the column is hidden in the spreadsheet. Show it (or delete it if it is not needed) and import the file again", Only(ReadBytes("sample.xlsx", withValues)));
        var result = ReadBytes("sample.xlsx", empty);
        Assert.Empty(result.Problems);
        Assert.Equal(5, result.Cases.Count);
    }

    [Fact]
    public void A_hidden_first_sheet_is_refused_naming_it()
    {
        using var workbook = new XLWorkbook();
        var cases = workbook.AddWorksheet("Cases");
        Row(cases, 1, "Case reference", "Age band", "Level of intervention", "Neglect categories", "Agencies involved");
        Row(cases, 2, "NS-01", "5-11", "Universal", "Emotional", "Health");
        cases.Hide();
        workbook.AddWorksheet("Notes").Cell(1, 1).SetValue<string>("Nothing to see");
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);

        Assert.StartsWith("The first sheet, 'Cases', is hidden in the spreadsheet.", Only(ReadBytes("sample.xlsx", stream.ToArray())));
    }

    [Fact]
    public void Empty_trailing_rows_and_a_blank_row_between_cases_are_skipped()
    {
        var csv = $"{Header}\r\nNS-01,5-11,Universal,Emotional,Health\r\n,,,,\r\nNS-02,0-2,Universal,Emotional,Health\r\n\r\n,,,,\r\n  ,  ,,,\r\n";
        var csvResult = ReadCsv(csv);

        var xlsxResult = ReadBytes("sample.xlsx", Xlsx(sheet =>
        {
            Row(sheet, 1, "Case reference", "Age band", "Level of intervention", "Neglect categories", "Agencies involved");
            Row(sheet, 2, "NS-01", "5-11", "Universal", "Emotional", "Health");
            Row(sheet, 4, "NS-02", "0-2", "Universal", "Emotional", "Health");
            Row(sheet, 9, "", " ", "", "", "");
            sheet.Range("A10:E30").Style.Fill.SetBackgroundColor(XLColor.Yellow); // formatted, empty
        }));

        Assert.Empty(csvResult.Problems);
        Assert.Equal(["NS-01", "NS-02"], csvResult.Cases.Select(c => c.Reference));
        Assert.Empty(xlsxResult.Problems);
        Assert.Equal(["NS-01", "NS-02"], xlsxResult.Cases.Select(c => c.Reference));
    }

    [Fact]
    public void Extra_columns_are_ignored_reported_and_identifying_ones_flagged()
    {
        var result = ReadCsv($"""
            NHS number,{Header},Notes,Child's name
            9434765919,NS-01,5-11,Universal,Emotional,Health,Seen twice,Alex
            """);

        Assert.Empty(result.Problems);
        var only = Assert.Single(result.Cases);
        Assert.Equal("NS-01", only.Reference);
        Assert.Equal(["NHS number", "Notes", "Child's name"], result.IgnoredColumns);
        Assert.Equal(["NHS number", "Child's name"], result.IdentifyingColumns);
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_accepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes($"{Header}\nNS-01,5–11,Universal,Emotional,Health\n")).ToArray();

        var result = ReadBytes("sample.csv", bytes);

        Assert.Empty(result.Problems);
        Assert.Equal("NS-01", Assert.Single(result.Cases).Reference);
        Assert.Equal("5–11", result.Cases[0].AgeBand);
    }

    [Fact]
    public void A_png_named_csv_is_refused_as_the_wrong_file_type()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01];

        Assert.Equal(SampleImport.WrongType, Only(ReadBytes("sample.csv", png)));
    }

    [Fact]
    public void A_docx_is_refused_as_the_wrong_file_type_whatever_it_contains()
    {
        Assert.Equal(
            "The file must be a spreadsheet (.xlsx) or comma-separated values (.csv) file",
            Only(ReadBytes("sample.docx", Xlsx(sheet => Row(sheet, 1, "Case reference")))));
    }

    [Fact]
    public void Csv_text_named_xlsx_is_refused_as_the_wrong_file_type()
    {
        Assert.Equal(SampleImport.WrongType, Only(ReadBytes("sample.xlsx", Encoding.UTF8.GetBytes($"{Header}\nNS-01,5-11,Universal,Emotional,Health\n"))));
    }

    [Fact]
    public void A_file_over_1_mb_is_refused_whatever_length_the_browser_declared()
    {
        var big = Encoding.UTF8.GetBytes(Header + "\n" + new string('x', 1024 * 1024));

        Assert.Equal("The file must be smaller than 1 MB", Only(ReadBytes("sample.csv", big)));

        // A declared length that lies is not believed: the stream is read to the limit.
        var lying = SampleImport.Read("sample.csv", new MemoryStream(big), 10, RoundAgencies, AgencyNames.GetValueOrDefault);
        Assert.Equal("The file must be smaller than 1 MB", Only(lying));
    }

    [Fact]
    public void A_corrupt_xlsx_cannot_be_read_as_a_spreadsheet()
    {
        var good = Xlsx(sheet => Row(sheet, 1, "Case reference"));
        var truncated = good[..(good.Length / 2)];

        Assert.Equal("The file could not be read as a spreadsheet", Only(ReadBytes("sample.xlsx", truncated)));
    }

    [Fact]
    public void A_zip_that_is_not_a_workbook_cannot_be_read_as_a_spreadsheet()
    {
        using var zipBytes = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(zipBytes, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            writer.Write("not a workbook");
        }

        Assert.Equal(SampleImport.Unreadable, Only(ReadBytes("sample.xlsx", zipBytes.ToArray())));
    }

    [Fact]
    public void A_small_xlsx_that_expands_hugely_when_unzipped_is_refused_before_it_is_opened()
    {
        using var zipBytes = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(zipBytes, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", System.IO.Compression.CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 20; i++)
            {
                entry.Write(zeros);
            }
        }

        Assert.True(zipBytes.Length < SampleImport.MaxBytes);
        Assert.StartsWith("The spreadsheet is too large once opened", Only(ReadBytes("sample.xlsx", zipBytes.ToArray())));
    }

    [Fact]
    public void A_header_only_or_empty_file_has_no_cases()
    {
        Assert.Equal("The file has no cases in it", Only(ReadCsv(Header + "\r\n")));
        Assert.Equal("The file has no cases in it", Only(ReadCsv(Header + "\r\n,,,,\r\n\r\n")));
        Assert.Equal("The file has no cases in it", Only(ReadCsv("")));
        Assert.Equal("The file has no cases in it", Only(ReadBytes("sample.xlsx", Xlsx(sheet => Row(sheet, 1, Header.Split(','))))));
    }

    [Fact]
    public void More_than_500_cases_are_refused()
    {
        var rows = Enumerable.Range(1, 501).Select(i => $"NS-{i:000},5-11,Universal,Emotional,Health");
        var result = ReadCsv(Header + "\n" + string.Join("\n", rows));

        Assert.Equal("A sample can have at most 500 cases; a pool at most 500 too", Only(result));

        var exactly500 = ReadCsv(Header + "\n" + string.Join("\n", rows.Take(500)));
        Assert.Equal(500, exactly500.Cases.Count);
    }

    [Fact]
    public void Quoted_csv_fields_may_hold_commas_quotes_and_line_breaks()
    {
        var csv = "Case reference,Age band,Level of intervention,Neglect categories,Agencies involved,Notes\r\n"
            + "\"NS-01\",\"5-11\",Universal,\"Emotional, Physical\",\"Health;\r\nPolice\",\"He said \"\"fine\"\", then left\"\r\n"
            + "NS-02,0-2,Universal,Medical,Health,\r\n";

        var result = ReadCsv(csv);

        Assert.Empty(result.Problems);
        Assert.Equal(2, result.Cases.Count);
        Assert.Equal(["Emotional", "Physical"], result.Cases[0].Categories);
        Assert.Equal(["health", "police"], result.Cases[0].AgencyIds);
        Assert.Equal("NS-02", result.Cases[1].Reference);
    }

    [Fact]
    public void Rows_are_counted_as_records_so_a_line_break_in_quotes_does_not_shift_them()
    {
        var result = ReadCsv($"{Header},Notes\n"
            + "NS-01,5-11,Universal,Emotional,Health,\"line one\nline two\nline three\"\n"
            + "NS-02,7-10,Universal,Emotional,Health,\n");

        Assert.Equal("Row 3, Age band: '7-10' is not one of 0–2, 3–4, 5–11, 12–18", Only(result));
    }

    [Fact]
    public void An_unterminated_quote_is_refused_at_the_row_where_it_opens()
    {
        var result = ReadCsv($"{Header}\nNS-01,5-11,Universal,Emotional,Health\nNS-02,\"5-11,Universal,Emotional,Health\nNS-03,0-2,Universal,Emotional,Health\n");

        var problem = Assert.Single(result.Problems);
        Assert.Empty(result.Cases);
        Assert.Equal(3, problem.Row);
        Assert.Contains("no closing quote", problem.Message);
    }

    [Fact]
    public void A_cell_over_200_characters_is_refused()
    {
        var result = ReadCsv($"{Header}\nNS-01,5-11,Universal,Emotional,{new string('a', 201)}\n");

        Assert.Equal("Row 2, Agencies involved: is longer than 200 characters", Only(result));
    }

    [Fact]
    public void Empty_required_values_are_refused_and_the_optional_tool_defaults_to_none()
    {
        var result = ReadCsv($"{Header},Assessment tool\nNS-01,,Universal,Emotional,Health,\n");

        Assert.Equal("Row 2, Age band: enter one of 0–2, 3–4, 5–11, 12–18", Only(result));

        var ok = ReadCsv($"{Header},Assessment tool\nNS-01,3-4,Universal,Emotional,Health,\n");
        Assert.Equal("None", Assert.Single(ok.Cases).AssessmentTool);
    }

    [Fact]
    public void An_age_band_excel_turned_into_a_date_gets_its_own_message()
    {
        var bytes = Xlsx(sheet =>
        {
            Row(sheet, 1, "Case reference", "Age band", "Level of intervention", "Neglect categories", "Agencies involved");
            Row(sheet, 2, "NS-01", "", "Universal", "Emotional", "Health");
            sheet.Cell(2, 2).Value = new DateTime(2025, 11, 5);
        });

        Assert.StartsWith("Row 2, Age band: Excel has turned the age band into a date", Only(ReadBytes("sample.xlsx", bytes)));
    }

    [Fact]
    public void The_template_has_the_header_allowed_values_and_an_age_band_dropdown()
    {
        var bytes = SampleTemplateFile.Xlsx([("csc", "Children's social care"), ("health", "Health")]);

        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        var sample = workbook.Worksheet(1);
        Assert.Equal("Sample", sample.Name);
        Assert.Equal(
            ["Case reference", "Age band", "Level of intervention", "Neglect categories", "Gender", "Ethnicity group", "Risk factors", "Assessment tool", "Agencies involved"],
            Enumerable.Range(1, 9).Select(c => sample.Cell(1, c).Value.ToString()));
        Assert.True(sample.Cell(1, 1).Style.Font.Bold);
        Assert.Equal(1, sample.SheetView.SplitRow);
        Assert.Equal(SampleTemplateFile.DataProtectionNote, sample.Cell(1, 1).Comment.Text);

        // No example rows: anything below the header would be imported.
        Assert.Equal(1, sample.LastRowUsed().RowNumber());

        var allowed = workbook.Worksheet("Allowed values");
        var texts = allowed.CellsUsed().Select(c => c.Value.ToString()).ToList();
        Assert.Contains("Children's social care", texts);
        Assert.Contains("Health", texts);
        Assert.Contains("5–11", texts);
        Assert.Contains(SampleTemplateFile.DataProtectionNote, texts);

        var ageBand = sample.DataValidations.Single(v => v.Ranges.Any(r => r.RangeAddress.FirstAddress.ColumnNumber == 2));
        Assert.Equal(XLAllowedValues.List, ageBand.AllowedValues);
        Assert.Contains("Allowed values", ageBand.Value);
        Assert.DoesNotContain(sample.DataValidations, v => v.Ranges.Any(r => r.RangeAddress.FirstAddress.ColumnNumber == 4)); // categories: a list, free text
    }

    [Fact]
    public void The_template_is_a_schema_valid_workbook()
    {
        var bytes = SampleTemplateFile.Xlsx([("csc", "Children's social care"), ("health", "Health")]);

        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}");

        Assert.Empty(errors);
    }

    [Fact]
    public void Importing_the_blank_template_says_it_has_no_cases()
    {
        var bytes = SampleTemplateFile.Xlsx([("csc", "Children's social care")]);

        var result = ReadBytes("sample-template.xlsx", bytes);

        Assert.Equal("The file has no cases in it", Only(result));
        Assert.Empty(result.IgnoredColumns);
    }

    [Fact]
    public void A_filled_in_template_imports_using_the_agency_names_it_lists()
    {
        var bytes = SampleTemplateFile.Xlsx([("csc", "Children's social care"), ("health", "Health")]);
        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        Row(workbook.Worksheet("Sample"), 2, "NS-01", "5–11", "Child in need", "Emotional", "", "", "", "", "Children's social care; Health");
        using var filled = new MemoryStream();
        workbook.SaveAs(filled);

        var result = ReadBytes("sample.xlsx", filled.ToArray());

        Assert.Empty(result.Problems);
        Assert.Equal(["csc", "health"], Assert.Single(result.Cases).AgencyIds);
    }

    [Fact]
    public void The_csv_template_is_the_header_row_the_import_reads_then_notes_it_skips()
    {
        var csv = SampleTemplateFile.Csv([("csc", "Children's social care"), ("health", "Health")]);

        var lines = csv.Split("\r\n");
        Assert.Equal("Case reference,Age band,Level of intervention,Neglect categories,Gender,Ethnicity group,Risk factors,Assessment tool,Agencies involved", lines[0]);
        Assert.StartsWith("# Allowed values,0–2; 3–4; 5–11; 12–18,Universal; Early help; Child in need; Child protection; Looked after,", lines[2]);
        Assert.EndsWith(",Children's social care; Health", lines[2]);
        var guidance = CaseAudit.Web.Rounds.Csv.Parse(csv).Records[1];
        Assert.StartsWith("# Rows starting with # are notes and are not imported", guidance[0]);
        Assert.Contains("Never a name, date of birth, address or NHS number", guidance[0]);
        var result = ReadCsv(csv);
        Assert.Equal(SampleImport.NoCases, Only(result));
        Assert.Empty(result.IgnoredColumns);
    }

    /// The values the CSV template lists are the values the import takes: fill one row by
    /// picking from each column's list (the last choice, so no list is read only at its start).
    [Fact]
    public void A_case_typed_from_the_csv_templates_allowed_values_imports()
    {
        var csv = SampleTemplateFile.Csv([("csc", "Children's social care"), ("health", "Health")]);
        var (records, _) = CaseAudit.Web.Rounds.Csv.Parse(csv);
        var allowed = records[2];
        string Last(int column) => allowed[column].Split("; ")[^1];
        string[] row = ["NS-2026-001", .. Enumerable.Range(1, allowed.Count - 1).Select(Last)];

        var result = ReadCsv(csv + string.Join(',', row.Select(v => v.Contains(',') ? $"\"{v}\"" : v)) + "\r\n");

        Assert.Empty(result.Problems);
        var only = Assert.Single(result.Cases);
        Assert.Equal(
            ("NS-2026-001", "12–18", "Looked after", "Prenatal", "Not recorded", "Not recorded", "Poverty", "None", "health"),
            (only.Reference, only.AgeBand, only.Level, Assert.Single(only.Categories), only.Gender, only.EthnicityGroup, Assert.Single(only.RiskFactors), only.AssessmentTool, Assert.Single(only.AgencyIds)));
    }

    [Fact]
    public void Every_allowed_value_the_csv_template_lists_imports()
    {
        var csv = SampleTemplateFile.Csv([("csc", "Children's social care"), ("health", "Health")]);
        var allowed = CaseAudit.Web.Rounds.Csv.Parse(csv).Records[2];
        var lists = Enumerable.Range(1, allowed.Count - 1).Select(c => allowed[c].Split("; ")).ToList();
        var rows = Enumerable.Range(0, lists.Max(l => l.Length))
            .Select(i => string.Join(',', [$"NS-{i:000}", .. lists.Select(l => Quote(l[i % l.Length]))]));

        var result = ReadCsv(csv + string.Join("\r\n", rows));

        Assert.Empty(result.Problems);
        Assert.Equal(CaseAudit.Web.Domain.Rounds.CaseFacts.NeglectCategories.Count, result.Cases.Count); // the longest list
        Assert.Equal(CaseAudit.Web.Domain.Rounds.CaseFacts.NeglectCategories, result.Cases.Select(c => c.Categories.Single()).Distinct());

        static string Quote(string v) => v.Contains(',') ? $"\"{v}\"" : v;
    }

    [Fact]
    public void A_note_row_is_only_a_row_whose_reference_starts_with_a_hash()
    {
        var result = ReadCsv($"{Header},Notes\n# a note,anything,at all,here,\nNS-01,5-11,Universal,Emotional,Health,#not a note\n");

        Assert.Empty(result.Problems);
        Assert.Equal("NS-01", Assert.Single(result.Cases).Reference);
    }
}
