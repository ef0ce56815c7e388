using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BuildingEconomy.Returns;

/// <summary>
/// Applies a submitted return (see <see cref="MonthlyReturnApplier"/>) through <see cref="ReturnApplyQueue"/>, which groups
/// the returns being consumed at the time; a redelivered message changes nothing.
/// </summary>
public sealed partial class ApplyMonthlyReturnConsumer(ReturnApplyQueue applier, ILogger<ApplyMonthlyReturnConsumer> logger)
    : IConsumer<MonthlyReturnSubmitted>
{
    public async Task Consume(ConsumeContext<MonthlyReturnSubmitted> context)
    {
        var message = context.Message;
        var outcome = await applier.ApplyAsync(message.ReturnId, message.BuildingId, context.CancellationToken);
        if (outcome != ApplyOutcome.Applied) LogSkipped(message.ReturnId, outcome);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Monthly return {ReturnId} not applied: {Outcome}")]
    private partial void LogSkipped(long returnId, ApplyOutcome outcome);
}

/// <summary>
/// Transient faults (a deadlock, a dropped connection, two buildings creating the same new enterprise at once) are
/// retried at growing intervals; what still fails goes to the queue's <c>_error</c> queue, and MassTransit publishes
/// a <see cref="Fault{T}"/> that <see cref="RecordReturnFailureConsumer"/> records for the failed-returns page.
/// </summary>
public sealed class ApplyMonthlyReturnConsumerDefinition : ConsumerDefinition<ApplyMonthlyReturnConsumer>
{
    private readonly ReturnsOptions options;

    public ApplyMonthlyReturnConsumerDefinition(IOptions<ReturnsOptions> options)
    {
        this.options = options.Value;
        // Returns of different buildings apply in parallel; one building's wait on its lock in turn.
        ConcurrentMessageLimit = this.options.ApplyConcurrency;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ApplyMonthlyReturnConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(retry => retry.Intervals(options.RetryIntervals));
    }
}
