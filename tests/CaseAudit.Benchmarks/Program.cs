using System.Diagnostics;
using CaseAudit.Benchmarks;

// dotnet run -c Release --project tests/CaseAudit.Benchmarks -- [--quick] [--gradings N] [--out FILE] [--load-only]
// dotnet run -c Release --project tests/CaseAudit.Benchmarks -- peak <Area.Measure> <data file>   (used by the harness itself)
if (args is ["peak", var measure, var dataFile])
{
    return await PeakRun.RunAsync(measure, dataFile);
}

var options = HarnessOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: CaseAudit.Benchmarks [--quick] [--gradings N] [--out FILE] [--load-only]");
    return 2;
}

var started = Stopwatch.StartNew();
return await Harness.RunAsync(options, started);
