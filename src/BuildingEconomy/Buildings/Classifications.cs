namespace BuildingEconomy.Buildings;

/// <summary>Grades of GB/T 39069-2020 plus the two used for older stock.</summary>
public enum BuildingGrade { Premium, A, B, C, Ungraded }

public enum BuildingUse { Office, MixedUse, Complex, IndustrialPark }

public enum ConstructionStatus { Planned, UnderConstruction, Completed }

/// <summary>How a space is offered to the market.</summary>
public enum Tenure { Rent, Sale }

public enum SpaceStatus { Available, Leased, Sold, SelfUse }

public enum FitOut { Bare, Basic, Fine, Furnished }
