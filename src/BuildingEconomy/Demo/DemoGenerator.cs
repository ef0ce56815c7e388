using BuildingEconomy.Buildings;
using BuildingEconomy.Dashboards;
using BuildingEconomy.Returns;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace BuildingEconomy.Demo;

/// <summary>
/// Generates a deterministic, plausible district (or many): buildings with spaces, and a month-by-month
/// simulation of signings, move-ins and move-outs from which tenancies, monthly returns and month figures
/// all follow, so that every figure agrees with the roster behind it. The same seed, size and date give the
/// same data.
/// </summary>
public sealed class DemoGenerator(DemoSize size, DateOnly asOf, int seed = 20261128)
{
    /// <summary>The month returns are due for now: the one before <c>asOf</c>'s month.</summary>
    public DateOnly LatestPeriod { get; } = new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(-1);
    public DateOnly FirstPeriod => LatestPeriod.AddMonths(-(Size.Months - 1));
    public DemoSize Size { get; } = size;

    private const int MonthsAhead = 6;
    private readonly DemoDataSet data = new();
    private long nextSpaceId = 1, nextTenancyId = 1, nextReturnId = 1, nextLineId = 1;
    private int nextEnterpriseId = 1;
    private readonly HashSet<string> enterpriseNames = [];

    public DemoDataSet Generate()
    {
        var places = CreatePlaces();
        var perSubdistrict = Size.Buildings / places.Count;
        var remainder = Size.Buildings % places.Count;
        var buildingIndex = 0;
        for (var s = 0; s < places.Count; s++)
        {
            var count = perSubdistrict + (s < remainder ? 1 : 0);
            var names = new HashSet<string>();
            for (var i = 0; i < count; i++)
            {
                var random = new Random(Mix(seed, 7, ++buildingIndex));
                new BuildingSimulation(this, places[s], buildingIndex, random, names).Run();
            }
        }
        AddEnterprisesOutsideBuildings(places);
        return data;
    }

    private void AddEnterprisesOutsideBuildings(List<Place> places)
    {
        var random = new Random(Mix(seed, 11, 0));
        var updatedAt = new DateTimeOffset(LatestPeriod.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        while (data.Enterprises.Count < Size.Enterprises)
        {
            var place = places[random.Next(places.Count)];
            var (industry, section, _) = DemoVocabulary.Industries[random.Next(DemoVocabulary.Industries.Length)];
            var trade = DemoVocabulary.TradeNames[random.Next(DemoVocabulary.TradeNames.Length)];
            var name = $"{place.LocalPrefix}{trade}{industry}有限公司";
            if (!enterpriseNames.Add(name)) name = $"{place.LocalPrefix}{trade}{industry}有限公司第{nextEnterpriseId}分公司";
            data.Enterprises.Add(new Enterprise
            {
                Id = nextEnterpriseId++,
                CreditCode = CreditCodeFactory.Create(place.District.AdminCode, nextEnterpriseId),
                Name = name,
                IndustrySection = section,
                RegisteredDistrictCode = place.District.AdminCode,
                RegisteredPlace = place.District.Name,
                UpdatedAt = updatedAt,
            });
        }
    }

    private static int Mix(int a, int b, int c) => unchecked((a * 1_000_003) ^ (b * 7_919) ^ (c * 104_729) ^ c);

    private sealed record Place(
        District District, Subdistrict Subdistrict, IndexedPointInAreaLocator Locator,
        double SigningTrend, double LocalShare, string LocalPrefix);

    private List<Place> CreatePlaces()
    {
        var random = new Random(seed);
        var places = new List<Place>();
        for (var d = 0; d < Size.Districts; d++)
        {
            var (name, nameEn, prefix) = d == 0
                ? ("明珠区", "Mingzhu District", "明珠")
                : DistrictName(d, random);
            var outline = DemoGeography.DistrictOutline(DemoGeography.DistrictCentre(d, Size.Districts), random);
            var district = new District
            {
                Id = d + 1,
                AdminCode = (449_901 + d).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Name = name,
                NameEn = nameEn,
                Boundary = DemoGeography.Factory.CreateMultiPolygon([outline]),
            };
            data.Districts.Add(district);
            var cells = DemoGeography.Subdistricts(outline, Size.SubdistrictsPerDistrict, random);
            for (var s = 0; s < cells.Count; s++)
            {
                var (subName, subNameEn) = d == 0 && s < DemoVocabulary.DemoSubdistricts.Length
                    ? DemoVocabulary.DemoSubdistricts[s]
                    : SubdistrictName(d, s);
                var subdistrict = new Subdistrict
                {
                    Id = data.Subdistricts.Count + 1,
                    DistrictId = district.Id,
                    Code = $"{district.AdminCode}{s + 1:D3}",
                    Name = subName,
                    NameEn = subNameEn,
                    Boundary = cells[s],
                };
                data.Subdistricts.Add(subdistrict);
                // Some streets are filling up, some are losing tenants, most drift: the dashboards should show it.
                var trend = (s % 4) switch { 0 => 1.6, 1 => -0.6, _ => 0.4 * random.NextDouble() };
                places.Add(new Place(district, subdistrict, new IndexedPointInAreaLocator(cells[s]), trend,
                    0.5 + 0.25 * random.NextDouble(), prefix));
            }
        }
        return places;
    }

    private static (string, string, string) DistrictName(int index, Random random)
    {
        var syllables = DemoVocabulary.PlaceSyllables;
        var first = syllables[index % syllables.Length];
        var second = syllables[(index / syllables.Length + 3 + random.Next(2)) % syllables.Length];
        var suffix = index / (syllables.Length * 2) > 0 ? (index / (syllables.Length * 2)).ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        return ($"{first.Name}{second.Name}{suffix}区", $"{first.NameEn}{second.NameEn.ToLowerInvariant()}{suffix} District", first.Name + second.Name);
    }

    private static (string, string) SubdistrictName(int district, int index)
    {
        var (name, nameEn) = DemoVocabulary.DemoSubdistricts[index % DemoVocabulary.DemoSubdistricts.Length];
        var syllable = DemoVocabulary.PlaceSyllables[district % DemoVocabulary.PlaceSyllables.Length];
        return ($"{syllable.Name}{name}", $"{syllable.NameEn}{nameEn.ToLowerInvariant()}");
    }

    /// <summary>One building: its facts and spaces, then its tenants month by month.</summary>
    private sealed class BuildingSimulation(DemoGenerator owner, Place place, int index, Random random, HashSet<string> usedNames)
    {
        private readonly DemoDataSet data = owner.data;
        private Building building = null!;
        private DateOnly completion;
        private bool newBuilding;
        private readonly List<UnitState> units = [];
        private readonly List<Tenant> tenants = [];

        private sealed class UnitState(Space space)
        {
            public Space Space { get; } = space;
            public List<Tenant> Occupants { get; } = [];
            public bool Vacant => Occupants.All(t => t.MoveOut is not null);
        }

        private sealed class Tenant(Tenancy tenancy, Enterprise enterprise, UnitState unit)
        {
            public Tenancy Tenancy { get; } = tenancy;
            public Enterprise Enterprise { get; } = enterprise;
            public UnitState Unit { get; } = unit;
            public DateOnly? MoveIn { get; set; }
            public DateOnly? MoveOut { get; set; }
            public decimal AnnualTaxPerSquareMetre { get; init; }
        }

        public void Run()
        {
            CreateBuilding();
            if (building.ConstructionStatus == ConstructionStatus.Planned) return;
            CreateSpaces();
            Simulate();
            RecordTenancies();
            RecordSpaceStates();
            if (building.ConstructionStatus == ConstructionStatus.Completed) RecordReturns();
        }

        private void CreateBuilding()
        {
            var grade = Pick((BuildingGrade.Premium, 5), (BuildingGrade.A, 30), (BuildingGrade.B, 35), (BuildingGrade.C, 15), (BuildingGrade.Ungraded, 15));
            var use = Pick((BuildingUse.Office, 65), (BuildingUse.MixedUse, 12), (BuildingUse.Complex, 13), (BuildingUse.IndustrialPark, 10));
            var status = Pick((ConstructionStatus.Completed, 88), (ConstructionStatus.UnderConstruction, 8), (ConstructionStatus.Planned, 4));
            var latest = owner.LatestPeriod;
            newBuilding = status == ConstructionStatus.Completed && random.NextDouble() < 0.12;
            completion = status switch
            {
                ConstructionStatus.Completed when newBuilding => owner.FirstPeriod.AddMonths(random.Next(-6, Math.Max(-5, owner.Size.Months - 3))),
                ConstructionStatus.Completed => new DateOnly(OldCompletionYear(grade), 1 + random.Next(12), 1),
                ConstructionStatus.UnderConstruction => latest.AddMonths(6 + random.Next(24)),
                _ => latest.AddMonths(30 + random.Next(30)),
            };
            var gfa = grade switch
            {
                BuildingGrade.Premium => Between(80_000, 200_000),
                BuildingGrade.A => Between(40_000, 120_000),
                BuildingGrade.B => Between(20_000, 60_000),
                BuildingGrade.C => Between(10_000, 30_000),
                _ => Between(5_000, 20_000),
            };
            var floors = use == BuildingUse.IndustrialPark ? random.Next(4, 13) : grade switch
            {
                BuildingGrade.Premium => random.Next(35, 71),
                BuildingGrade.A => random.Next(20, 46),
                BuildingGrade.B => random.Next(12, 31),
                BuildingGrade.C => random.Next(6, 19),
                _ => random.Next(5, 13),
            };
            var parkingRate = grade switch { BuildingGrade.Premium or BuildingGrade.A => 100.0, BuildingGrade.B => 150.0, _ => 250.0 };
            building = new Building
            {
                Id = index,
                ExternalKey = $"{place.District.AdminCode}-{index:D6}",
                Name = UniqueName(use, grade),
                Address = $"{place.District.Name}{Of(DemoVocabulary.Roads)}{random.Next(1, 3000)}号",
                Location = DemoGeography.PointInside(place.Subdistrict.Boundary, place.Locator, random),
                SubdistrictId = place.Subdistrict.Id,
                DistrictId = place.District.Id,
                Grade = grade,
                Use = use,
                ConstructionStatus = status,
                CompletionYear = completion.Year,
                GrossFloorArea = (decimal)Math.Round(gfa, 2),
                FloorsAboveGround = floors,
                FloorsBelowGround = use == BuildingUse.IndustrialPark ? random.Next(0, 2) : random.Next(1, 5),
                PassengerElevators = Math.Max(2, (int)(gfa / 12_000) + random.Next(0, 3)),
                FreightElevators = Math.Max(1, (int)(gfa / 40_000)),
                ParkingBelowGround = (int)(gfa / parkingRate * (0.6 + random.NextDouble() * 0.8)),
                ParkingAboveGround = random.Next(0, 60),
                ThemeId = PickTheme(use, grade),
                PropertyCompany = $"{Of(DemoVocabulary.TradeNames)}物业管理有限公司",
                OneToOneContact = new Contact { Name = PersonName(), Title = Of(DemoVocabulary.OfficialTitles), Phone = Phone() },
                PropertyContacts = Enumerable.Range(0, random.Next(1, 3))
                    .Select(_ => new Contact { Name = PersonName(), Title = "物业联络员", Phone = Phone() }).ToList(),
                RequiredToReport = status == ConstructionStatus.Completed,
                UpdatedAt = new DateTimeOffset(owner.LatestPeriod.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            };
            if (random.NextDouble() < 0.2) building.Aliases.Add(building.Name[..2] + Of(["大厦", "中心", "楼"]));
            data.Buildings.Add(building);
            foreach (var facility in StandardLists.Facilities)
            {
                if (random.NextDouble() < FacilityChance(facility.Id, grade)) data.BuildingFacilities.Add((building.Id, facility.Id));
            }
        }

        private int OldCompletionYear(BuildingGrade grade)
        {
            var latest = owner.FirstPeriod.Year;
            return grade switch
            {
                BuildingGrade.Premium => random.Next(latest - 12, latest),
                BuildingGrade.A => random.Next(latest - 20, latest),
                BuildingGrade.B => random.Next(latest - 25, latest - 3),
                _ => random.Next(latest - 32, latest - 10),
            };
        }

        private static double FacilityChance(int facilityId, BuildingGrade grade)
        {
            var quality = grade switch { BuildingGrade.Premium => 1.0, BuildingGrade.A => 0.85, BuildingGrade.B => 0.6, BuildingGrade.C => 0.35, _ => 0.2 };
            return facilityId switch
            {
                <= 6 => 0.3 + 0.7 * quality,
                7 or 8 => 0.1 + 0.7 * quality,
                _ => 0.6 * quality,
            };
        }

        private int? PickTheme(BuildingUse use, BuildingGrade grade)
        {
            if (random.NextDouble() < 0.4) return null;
            if (use == BuildingUse.IndustrialPark) return random.NextDouble() < 0.7 ? 4 : 5;
            if (grade == BuildingGrade.Premium && random.NextDouble() < 0.6) return random.NextDouble() < 0.6 ? 1 : 6;
            return StandardLists.Themes[random.Next(StandardLists.Themes.Length)].Id;
        }

        private string UniqueName(BuildingUse use, BuildingGrade grade)
        {
            string[] suffixes = use switch
            {
                BuildingUse.IndustrialPark => DemoVocabulary.ParkSuffixes,
                BuildingUse.Complex => DemoVocabulary.ComplexSuffixes,
                BuildingUse.MixedUse => DemoVocabulary.MixedSuffixes,
                _ => DemoVocabulary.OfficeSuffixes,
            };
            var name = Of(DemoVocabulary.BuildingPrefixes) + Of(suffixes);
            if (grade == BuildingGrade.Premium && random.NextDouble() < 0.3) name = place.LocalPrefix + name;
            foreach (var phase in DemoVocabulary.Phases.Prepend(""))
            {
                if (usedNames.Add(name + phase)) return name + phase;
            }
            var numbered = $"{name}{index}号楼";
            usedNames.Add(numbered);
            return numbered;
        }

        private void CreateSpaces()
        {
            var b = building;
            var efficiency = 0.65 + random.NextDouble() * 0.13;
            var firstFloor = b.Use == BuildingUse.IndustrialPark ? 1 : 2;
            var floorArea = (double)b.GrossFloorArea * efficiency / b.FloorsAboveGround;
            var perFloor = Math.Clamp((int)Math.Round(owner.Size.SpacesPerBuilding * (0.6 + random.NextDouble() * 0.8) / b.FloorsAboveGround), 1, 10);
            var saleShare = b.Use == BuildingUse.MixedUse
                ? 0.5 + random.NextDouble() * 0.5
                : Of([0.0, 0.0, 0.0, 0.0, 0.0, 0.3, 0.6, 1.0]);
            var selfUseFloors = random.NextDouble() < 0.25 ? random.Next(1, 4) : 0;
            var rentLevel = b.Grade switch
            {
                BuildingGrade.Premium => 8 + random.NextDouble() * 7,
                BuildingGrade.A => 5 + random.NextDouble() * 4,
                BuildingGrade.B => 3 + random.NextDouble() * 3,
                BuildingGrade.C => 2 + random.NextDouble() * 2,
                _ => 1.5 + random.NextDouble() * 1.5,
            };
            var fitOut = b.Grade <= BuildingGrade.A ? FitOut.Fine : Pick((FitOut.Bare, 30), (FitOut.Basic, 40), (FitOut.Fine, 25), (FitOut.Furnished, 5));
            for (var floor = firstFloor; floor <= b.FloorsAboveGround; floor++)
            {
                var shares = Enumerable.Range(0, perFloor).Select(_ => 0.7 + random.NextDouble() * 0.6).ToArray();
                var total = shares.Sum();
                var selfUse = floor > b.FloorsAboveGround - selfUseFloors;
                for (var u = 0; u < perFloor; u++)
                {
                    var area = Math.Round((decimal)(floorArea * shares[u] / total), 2);
                    var tenure = random.NextDouble() < saleShare ? Tenure.Sale : Tenure.Rent;
                    var space = new Space
                    {
                        Id = owner.nextSpaceId++,
                        BuildingId = b.Id,
                        ExternalKey = $"{floor}-{u + 1:D2}",
                        Floor = floor,
                        Unit = $"{floor}{u + 1:D2}",
                        Area = area,
                        Tenure = tenure,
                        AskingRent = tenure == Tenure.Rent ? Math.Round((decimal)(rentLevel * (1 + floor * 0.004) * (0.92 + random.NextDouble() * 0.16)), 1) : null,
                        SalePrice = tenure == Tenure.Sale ? Math.Round((decimal)(rentLevel * 9_000 * (0.9 + random.NextDouble() * 0.2) / 100) * 100, 0) : null,
                        FitOut = random.NextDouble() < 0.15 ? Pick((FitOut.Bare, 30), (FitOut.Basic, 40), (FitOut.Fine, 25), (FitOut.Furnished, 5)) : fitOut,
                        Status = selfUse ? SpaceStatus.SelfUse : SpaceStatus.Available,
                        Divisible = area > 400 && random.NextDouble() < 0.4,
                        UpdatedAt = b.UpdatedAt,
                    };
                    if (space.Divisible) space.MinDivisibleArea = Math.Round(area / random.Next(2, 5), 0);
                    data.Spaces.Add(space);
                    if (selfUse) b.SelfUseArea += area;
                    else
                    {
                        if (tenure == Tenure.Sale) b.ForSaleArea += area;
                        else b.ForRentArea += area;
                        units.Add(new UnitState(space));
                    }
                }
            }
        }

        private void Simulate()
        {
            var start = owner.FirstPeriod;
            var end = owner.LatestPeriod.AddMonths(MonthsAhead);
            var baseOccupancy = building.Grade switch { BuildingGrade.Premium => 0.85, BuildingGrade.A => 0.8, BuildingGrade.B => 0.75, BuildingGrade.C => 0.7, _ => 0.65 };
            if (completion < start)
            {
                foreach (var unit in units.Where(_ => random.NextDouble() < baseOccupancy))
                {
                    var signed = RandomDay(start.AddMonths(-random.Next(1, 60)));
                    if (signed < completion) signed = RandomDay(completion);
                    Sign(unit, signed, settled: true);
                }
            }
            var months = (end.Year - start.Year) * 12 + end.Month - start.Month;
            for (var m = 0; m <= months; m++)
            {
                var month = start.AddMonths(m);
                if (month < completion.AddMonths(-6)) continue;
                var progress = (double)m / Math.Max(1, owner.Size.Months);
                var hazard = Math.Max(0.005, 0.045 * (1 + place.SigningTrend * progress) * (newBuilding ? 1.6 : 1));
                foreach (var unit in units)
                {
                    if (unit.Vacant && IsFreeAfter(unit, month) && random.NextDouble() < hazard)
                    {
                        Sign(unit, RandomDay(month), settled: false);
                        continue;
                    }
                    foreach (var tenant in unit.Occupants)
                    {
                        var leaving = !tenant.Tenancy.Purchased && tenant.MoveOut is null && tenant.MoveIn is { } movedIn && movedIn < month
                            && random.NextDouble() < 0.02 * (1 - place.SigningTrend * 0.4 * progress);
                        if (leaving) tenant.MoveOut = RandomDay(month);
                    }
                }
            }
        }

        private static bool IsFreeAfter(UnitState unit, DateOnly month) =>
            unit.Occupants.All(t => t.MoveOut is { } left && left < month);

        private void Sign(UnitState unit, DateOnly signedOn, bool settled)
        {
            var purchased = unit.Space.Tenure == Tenure.Sale;
            var parts = !purchased && unit.Space.Area > 200 && random.NextDouble() < 0.45 ? 2 : 1;
            var firstShare = parts == 1 ? unit.Space.Area : Math.Round(unit.Space.Area * (decimal)(0.3 + random.NextDouble() * 0.4), 2);
            for (var p = 0; p < parts; p++)
            {
                var area = p == 0 ? firstShare : unit.Space.Area - firstShare;
                // Investors buy and never move in; in new buildings tenants fit out for months first.
                var investor = purchased && random.NextDouble() < (newBuilding ? 0.35 : 0.12);
                DateOnly? moveIn = investor ? null
                    : settled ? signedOn.AddDays(random.Next(0, 60))
                    : signedOn.AddMonths(newBuilding ? random.Next(2, 15) : random.Next(0, 3)).AddDays(random.Next(0, 20));
                if (moveIn is { } m && m < completion) moveIn = completion.AddDays(random.Next(0, 60));
                var local = random.NextDouble() < place.LocalShare * (newBuilding ? 0.85 : 1);
                var enterprise = NewEnterprise(local);
                var tenancy = new Tenancy
                {
                    Id = owner.nextTenancyId++,
                    BuildingId = building.Id,
                    EnterpriseId = enterprise.Id,
                    SpaceId = unit.Space.Id,
                    Units = unit.Space.Unit,
                    Area = area,
                    Purchased = purchased,
                    SignedOn = signedOn,
                    RegisteredLocally = local,
                    Employees = Math.Max(1, (int)(area / (decimal)(8 + random.NextDouble() * 10))),
                    UpdatedAt = building.UpdatedAt,
                };
                var grade = building.Grade switch { BuildingGrade.Premium => 2_400.0, BuildingGrade.A => 900.0, BuildingGrade.B => 300.0, BuildingGrade.C => 120.0, _ => 60.0 };
                var tenant = new Tenant(tenancy, enterprise, unit)
                {
                    MoveIn = moveIn,
                    AnnualTaxPerSquareMetre = local ? (decimal)(grade * (0.3 + random.NextDouble() * 1.4)) : 0,
                };
                unit.Occupants.Add(tenant);
                tenants.Add(tenant);
            }
        }

        private Enterprise NewEnterprise(bool local)
        {
            var (industry, section, _) = PickIndustry();
            var elsewhere = DemoVocabulary.RegisteredElsewhere[random.Next(DemoVocabulary.RegisteredElsewhere.Length)];
            var division = local ? place.District.AdminCode : elsewhere.Code;
            var prefix = local ? place.LocalPrefix : elsewhere.Place[..2];
            var name = $"{prefix}{Of(DemoVocabulary.TradeNames)}{industry}有限公司";
            for (var attempt = 0; !owner.enterpriseNames.Add(name); attempt++)
            {
                name = attempt < 3
                    ? $"{prefix}{Of(DemoVocabulary.TradeNames)}{Of(DemoVocabulary.TradeNames)}{industry}有限公司"
                    : $"{prefix}{Of(DemoVocabulary.TradeNames)}{industry}有限公司第{owner.nextEnterpriseId}分公司";
            }
            var enterprise = new Enterprise
            {
                Id = owner.nextEnterpriseId++,
                CreditCode = CreditCodeFactory.Create(division, owner.nextEnterpriseId),
                Name = name,
                IndustrySection = section,
                RegisteredDistrictCode = division,
                RegisteredPlace = local ? place.District.Name : elsewhere.Place,
                UpdatedAt = building.UpdatedAt,
            };
            return enterprise;
        }

        private (string, string, int) PickIndustry()
        {
            var total = DemoVocabulary.Industries.Sum(i => i.Weight);
            var roll = random.Next(total);
            foreach (var industry in DemoVocabulary.Industries)
            {
                if ((roll -= industry.Weight) < 0) return industry;
            }
            return DemoVocabulary.Industries[0];
        }

        /// <summary>Tenancies as the register knows them at the end of the latest month: nothing later is known yet.</summary>
        private void RecordTenancies()
        {
            var now = EndOf(owner.LatestPeriod);
            foreach (var tenant in tenants.Where(t => t.Tenancy.SignedOn <= now))
            {
                tenant.Tenancy.MovedInOn = tenant.MoveIn <= now ? tenant.MoveIn : null;
                tenant.Tenancy.MovedOutOn = tenant.MoveOut <= now ? tenant.MoveOut : null;
                data.Tenancies.Add(tenant.Tenancy);
                data.Enterprises.Add(tenant.Enterprise);
            }
        }

        private void RecordSpaceStates()
        {
            var now = EndOf(owner.LatestPeriod);
            var horizon = now.AddMonths(MonthsAhead);
            foreach (var unit in units)
            {
                var current = unit.Occupants.Where(t => t.Tenancy.SignedOn <= now && !(t.MoveOut <= now)).ToList();
                unit.Space.Status = current.Count == 0 ? SpaceStatus.Available
                    : current[0].Tenancy.Purchased ? SpaceStatus.Sold : SpaceStatus.Leased;
                if (current.Count == 0)
                {
                    unit.Space.AvailableFrom = completion > now ? completion : now.AddDays(1);
                }
                else if (current.All(t => t.MoveOut is { } leaving && leaving <= horizon))
                {
                    // The landlord markets a space as soon as its tenants have given notice.
                    unit.Space.AvailableFrom = current.Max(t => t.MoveOut!.Value).AddDays(1);
                }
            }
        }

        private void RecordReturns()
        {
            var rosterFrom = owner.LatestPeriod.AddMonths(-(owner.Size.RosterMonths - 1));
            var reportsTax = random.NextDouble() < 0.65;
            for (var period = owner.FirstPeriod; period <= owner.LatestPeriod; period = period.AddMonths(1))
            {
                if (period < new DateOnly(completion.Year, completion.Month, 1)) continue;
                var filed = random.NextDouble() < (period == owner.LatestPeriod ? 0.9 : 0.98);
                if (!filed) continue;
                var end = EndOf(period);
                var active = tenants.Where(t => t.Tenancy.SignedOn <= end && !(t.MoveOut <= end)).ToList();
                var resident = active.Where(t => t.MoveIn <= end).ToList();
                var monthly = new MonthlyReturn
                {
                    Id = owner.nextReturnId++,
                    BuildingId = building.Id,
                    Period = period,
                    Version = 1,
                    Status = ReturnStatus.Applied,
                    Channel = ReturnChannel.Import,
                    SubmittedBy = building.PropertyContacts[0].Name,
                    SubmittedAt = new DateTimeOffset(period.AddMonths(1).AddDays(random.Next(2, 14)).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)).ToUniversalTime(),
                    ForSaleArea = building.ForSaleArea,
                    ForRentArea = building.ForRentArea,
                    SoldArea = active.Where(t => t.Tenancy.Purchased).Sum(t => t.Tenancy.Area),
                    LeasedArea = active.Where(t => !t.Tenancy.Purchased).Sum(t => t.Tenancy.Area),
                    SelfUseArea = building.SelfUseArea,
                    ResidentArea = resident.Sum(t => t.Tenancy.Area),
                };
                monthly.AppliedAt = monthly.SubmittedAt.AddMinutes(1);
                var lineTax = new Dictionary<Tenant, decimal?>();
                foreach (var tenant in resident)
                {
                    lineTax[tenant] = reportsTax && tenant.Tenancy.RegisteredLocally
                        ? Math.Round(tenant.Tenancy.Area * tenant.AnnualTaxPerSquareMetre / 12m * (decimal)(0.85 + random.NextDouble() * 0.3), 2)
                        : null;
                }
                if (period >= rosterFrom) monthly.Lines.AddRange(RosterLines(monthly, active, period, lineTax));

                var applied = monthly;
                if (random.NextDouble() < 0.02)
                {
                    // A correction: the first version overstated resident area and was superseded.
                    monthly.Status = ReturnStatus.Superseded;
                    monthly.ResidentArea = Math.Min(monthly.SoldArea + monthly.LeasedArea + monthly.SelfUseArea, Math.Round(monthly.ResidentArea * 1.08m, 2));
                    applied = new MonthlyReturn
                    {
                        Id = owner.nextReturnId++,
                        BuildingId = building.Id,
                        Period = period,
                        Version = 2,
                        Status = ReturnStatus.Applied,
                        SupersedesId = monthly.Id,
                        CorrectionReason = "入驻面积填报有误，按实际入驻情况更正",
                        Channel = ReturnChannel.Web,
                        SubmittedBy = monthly.SubmittedBy,
                        SubmittedAt = monthly.SubmittedAt.AddDays(3),
                        AppliedAt = monthly.SubmittedAt.AddDays(3).AddMinutes(1),
                        ForSaleArea = building.ForSaleArea,
                        ForRentArea = building.ForRentArea,
                        SoldArea = monthly.SoldArea,
                        LeasedArea = monthly.LeasedArea,
                        SelfUseArea = building.SelfUseArea,
                        ResidentArea = resident.Sum(t => t.Tenancy.Area),
                    };
                    if (period >= rosterFrom) applied.Lines.AddRange(RosterLines(applied, active, period, lineTax));
                    data.Returns.Add(monthly);
                }
                data.Returns.Add(applied);
                data.Figures.Add(Figures(applied, active, resident, end, lineTax));
            }
        }

        private IEnumerable<ReturnLine> RosterLines(MonthlyReturn monthly, List<Tenant> active, DateOnly period, Dictionary<Tenant, decimal?> tax)
        {
            var end = EndOf(period);
            var leftThisMonth = tenants.Where(t => t.MoveOut is { } left && left >= period && left <= end);
            var number = 0;
            foreach (var tenant in active.Concat(leftThisMonth))
            {
                var state = tenant.MoveOut <= end ? TenantState.MovedOut : tenant.MoveIn <= end ? TenantState.Resident : TenantState.Signed;
                yield return new ReturnLine
                {
                    Id = owner.nextLineId++,
                    ReturnId = monthly.Id,
                    LineNumber = ++number,
                    CreditCode = tenant.Enterprise.CreditCode,
                    EnterpriseName = tenant.Enterprise.Name,
                    Units = tenant.Tenancy.Units,
                    Area = tenant.Tenancy.Area,
                    Purchased = tenant.Tenancy.Purchased,
                    State = state,
                    MovedInOn = tenant.MoveIn <= end ? tenant.MoveIn : null,
                    RegisteredLocally = tenant.Tenancy.RegisteredLocally,
                    RegisteredPlace = tenant.Enterprise.RegisteredPlace,
                    Employees = tenant.Tenancy.Employees,
                    IndustrySection = tenant.Enterprise.IndustrySection,
                    TaxAmount = state == TenantState.Resident ? tax.GetValueOrDefault(tenant) : null,
                    TaxBasis = state == TenantState.Resident && tax.GetValueOrDefault(tenant) is not null ? TaxBasis.AllTaxes : null,
                };
            }
        }

        private BuildingMonthFigures Figures(MonthlyReturn applied, List<Tenant> active, List<Tenant> resident, DateOnly end, Dictionary<Tenant, decimal?> tax)
        {
            var horizon = end.AddMonths(MonthsAhead);
            var occupied = active.Select(t => t.Unit).ToHashSet();
            var vacant = units.Where(u => !occupied.Contains(u)).Sum(u => u.Space.Area);
            var leaving = active.Where(t => t.MoveOut is { } left && left <= horizon).Sum(t => t.Tenancy.Area);
            var local = resident.Where(t => t.Tenancy.RegisteredLocally).ToList();
            var taxes = resident.Select(t => tax.GetValueOrDefault(t)).Where(t => t is not null).ToList();
            return new BuildingMonthFigures
            {
                BuildingId = building.Id,
                Period = applied.Period,
                ReturnId = applied.Id,
                DistrictId = building.DistrictId,
                SubdistrictId = building.SubdistrictId,
                Grade = building.Grade,
                Use = building.Use,
                ThemeId = building.ThemeId,
                ForSaleArea = applied.ForSaleArea,
                ForRentArea = applied.ForRentArea,
                SoldArea = applied.SoldArea,
                LeasedArea = applied.LeasedArea,
                SelfUseArea = applied.SelfUseArea,
                ResidentArea = applied.ResidentArea,
                MarketedArea = vacant + leaving,
                ResidentEnterprises = resident.Count,
                LocallyRegisteredEnterprises = local.Count,
                LocallyRegisteredArea = local.Sum(t => t.Tenancy.Area),
                TaxAmount = taxes.Count > 0 ? taxes.Sum() : null,
                TaxBasis = taxes.Count > 0 ? TaxBasis.AllTaxes : null,
            };
        }

        private static DateOnly EndOf(DateOnly period) => new DateOnly(period.Year, period.Month, 1).AddMonths(1).AddDays(-1);

        private DateOnly RandomDay(DateOnly month) => new DateOnly(month.Year, month.Month, 1).AddDays(random.Next(0, 28));

        private double Between(double low, double high) => low + random.NextDouble() * (high - low);

        private T Of<T>(T[] choices) => choices[random.Next(choices.Length)];

        private T Pick<T>(params (T Value, int Weight)[] choices)
        {
            var roll = random.Next(choices.Sum(c => c.Weight));
            foreach (var (value, weight) in choices)
            {
                if ((roll -= weight) < 0) return value;
            }
            return choices[^1].Value;
        }

        private string PersonName() => Of(DemoVocabulary.Surnames) + Of(DemoVocabulary.GivenNames);

        private string Phone() => $"13{random.Next(0, 10)}{random.Next(0, 100_000_000):D8}";
    }
}
