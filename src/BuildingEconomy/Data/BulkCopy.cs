using System.Text.Json.Nodes;
using BuildingEconomy.Buildings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace BuildingEconomy.Data;

/// <summary>What every binary COPY writer needs: nullable values, and EF Core's JSON shape of owned contacts.</summary>
public static class BulkCopy
{
    public static void WriteNullable<T>(this NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type)
    {
        if (value is null) importer.WriteNull();
        else importer.Write(value, type);
    }

    /// <summary>Contacts are EF Core JSON columns: COPY writes them with the property names EF Core reads back.</summary>
    public static Func<Contact, JsonObject> ContactJson(IModel model)
    {
        var contactType = model.FindEntityType(typeof(Building))!.FindNavigation(nameof(Building.OneToOneContact))!.TargetEntityType;
        string Name(string property) => contactType.FindProperty(property)!.GetJsonPropertyName()!;
        var (name, title, phone, email) = (Name(nameof(Contact.Name)), Name(nameof(Contact.Title)), Name(nameof(Contact.Phone)), Name(nameof(Contact.Email)));
        return contact => new JsonObject { [name] = contact.Name, [title] = contact.Title, [phone] = contact.Phone, [email] = contact.Email };
    }
}
