using CaseAudit.Web.Data;

namespace CaseAudit.Web.Email;

/// Every little while (CaseAudit:Email:PollSeconds, 30 by default): queue the reminders that
/// have become due, then send what is queued. Waits on the app's TimeProvider, so tests move
/// time instead of waiting. A failed pass is logged and tried again next time; it never stops the app.
public sealed class MailService(Writer writer, Reminders reminders, MailSender sender, MailSettings settings, TimeProvider clock, ILogger<MailService> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await sender.RecoverAsync();
            while (!stoppingToken.IsCancellationRequested)
            {
                await RunOnceAsync(stoppingToken);
                await Task.Delay(settings.Poll, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException)
        {
            // The app is stopping and the writer has gone.
        }
    }

    /// Reminders are due by the day, so the sweep (which reads through the writer, holding up
    /// saves while it does) runs at most this often; sending runs on every pass.
    public static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(10);

    private DateTimeOffset? _lastSweep;

    /// One pass: queue what is due (if the sweep has not run in the last few minutes), send what is queued. How many were sent.
    public async Task<int> RunOnceAsync(CancellationToken cancel = default)
    {
        try
        {
            var now = clock.GetUtcNow();
            if (_lastSweep is not { } last || now - last >= SweepEvery || now < last)
            {
                _lastSweep = now;
                await writer.WriteAsync(reminders.QueueDue);
            }

            return await sender.SendDueAsync(cancel);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancel.IsCancellationRequested)
        {
            // Whatever went wrong, the app goes on (an exception leaving a background service
            // would stop the host): a message claimed when it happened is left Sending and
            // shown as unconfirmed after the next start, never sent twice.
            log.LogError(e, "Emails could not be queued or sent this time; trying again in {Poll}", settings.Poll);
            return 0;
        }
    }
}
