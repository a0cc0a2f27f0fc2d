namespace Junction.Server.Admin;

/// <summary>A page of results: <c>{"object":"list","data":[...],"has_more":bool}</c>.</summary>
internal sealed class AdminList<T>
{
    public string Object { get; set; } = "list";
    public List<T> Data { get; set; } = [];
    public bool HasMore { get; set; }
}
