using System.Text.Json.Serialization;

namespace BuildingEconomy.Buildings;

// Enums travel by name in JSON (API, outbox) so that clients and stored messages read plainly.

/// <summary>Grades of GB/T 39069-2020 plus the two used for older stock.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BuildingGrade>))]
public enum BuildingGrade { Premium, A, B, C, Ungraded }

[JsonConverter(typeof(JsonStringEnumConverter<BuildingUse>))]
public enum BuildingUse { Office, MixedUse, Complex, IndustrialPark }

[JsonConverter(typeof(JsonStringEnumConverter<ConstructionStatus>))]
public enum ConstructionStatus { Planned, UnderConstruction, Completed }

/// <summary>How a space is offered to the market.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Tenure>))]
public enum Tenure { Rent, Sale }

[JsonConverter(typeof(JsonStringEnumConverter<SpaceStatus>))]
public enum SpaceStatus { Available, Leased, Sold, SelfUse }

[JsonConverter(typeof(JsonStringEnumConverter<FitOut>))]
public enum FitOut { Bare, Basic, Fine, Furnished }
