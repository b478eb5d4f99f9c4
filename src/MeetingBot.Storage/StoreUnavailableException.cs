namespace MeetingBot.Storage;

/// <summary>
/// The store's file cannot be used — damaged, held by another process, or out of reach — so nothing can be recorded
/// and the host must not go on serving. The message is one Korean line that names the file and says what to do.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException()
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
