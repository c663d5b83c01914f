using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AsfQuart;

namespace PersonalAccessTokens;

/// <summary>
/// Role accounts and their tokens, read from a JSON file. The file keeps the SHA-256 of each token,
/// never the token, so a leaked copy of the file grants nothing.
/// </summary>
public sealed class RoleAccountStore
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, RoleAccount> _accountsByHash;

    private RoleAccountStore(Dictionary<string, RoleAccount> accountsByHash)
    {
        _accountsByHash = accountsByHash;
    }

    /// <summary>Loads the role accounts from a JSON file.</summary>
    /// <param name="path">The file: an array of objects with tokenSha256, uid, fullName, committees and scopes.</param>
    /// <returns>The store.</returns>
    public static RoleAccountStore Load(string path)
    {
        using var stream = File.OpenRead(path);
        var accounts = JsonSerializer.Deserialize<RoleAccount[]>(stream, JsonOptions)
            ?? throw new InvalidDataException($"The role account file '{path}' is empty.");

        return new RoleAccountStore(accounts.ToDictionary(account => account.TokenSha256.ToLowerInvariant(), StringComparer.Ordinal));
    }

    /// <summary>Finds the session of a token.</summary>
    /// <param name="token">The bearer token as sent.</param>
    /// <returns>The role account's session, or <see langword="null"/> for an unknown token.</returns>
    public Session? Find(string token)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        if (!_accountsByHash.TryGetValue(hash, out var account))
        {
            return null;
        }

        return new Session
        {
            Uid = account.Uid,
            FullName = account.FullName,
            Committees = [.. account.Committees],
            IsRoleAccount = true,
        }.WithScopes(account.Scopes);
    }

    private sealed record RoleAccount(string TokenSha256, string Uid, string? FullName, string[] Committees, string[] Scopes);
}
