"""Words the demo city is made of: people's names, places, schools, employers and providers.

Plain data, no Django. Everything here is fictional; where a combination happens to match a real
place or business, that is chance. Lists are tuples so that their order, and so every choice drawn
from them with a seeded generator, never changes between runs.
"""

# People ----------------------------------------------------------------------------------------
# First names for young people (born 2008–2015) and for adults, by the heritage a name is common in,
# so a family's names hang together. The shares in CITY_MIX reflect a diverse English city.
YOUNG_FIRST_NAMES = {
    "british": {
        "F": ("Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Isabella", "Rosie", "Sophia",
              "Grace", "Freya", "Poppy", "Evie", "Ella", "Charlotte", "Emily", "Daisy", "Sienna", "Matilda",
              "Florence", "Phoebe", "Millie", "Ruby", "Erin", "Harriet", "Lucy", "Holly", "Imogen", "Maisie",
              "Chloe", "Jessica", "Megan", "Scarlett", "Elsie", "Niamh", "Eleanor", "Lexi", "Hannah", "Bethany"),
        "M": ("Oliver", "George", "Harry", "Noah", "Jack", "Leo", "Arthur", "Oscar", "Charlie", "Jacob",
              "Thomas", "Freddie", "Alfie", "Archie", "Henry", "William", "Joshua", "James", "Ethan", "Max",
              "Theo", "Lucas", "Finley", "Harrison", "Reuben", "Callum", "Tyler", "Kai", "Riley", "Dylan",
              "Samuel", "Daniel", "Lewis", "Owen", "Toby", "Jenson", "Louie", "Frankie", "Connor", "Ellis"),
    },
    "south_asian": {
        "F": ("Aisha", "Zara", "Maryam", "Fatima", "Hafsa", "Inaya", "Anaya", "Priya", "Simran", "Amira",
              "Hania", "Zainab", "Safa", "Noor", "Aleena", "Harleen", "Jasleen", "Riya", "Eshal", "Manha"),
        "M": ("Muhammad", "Ayaan", "Ibrahim", "Yusuf", "Zayn", "Hassan", "Rayyan", "Arjun", "Rohan", "Aarav",
              "Hamza", "Ali", "Omar", "Haris", "Zakariya", "Gurveer", "Harjot", "Dev", "Kabir", "Idris"),
    },
    "black_british": {
        "F": ("Amara", "Nia", "Kiara", "Adaeze", "Chiamaka", "Zuri", "Abena", "Imani", "Tianna", "Ife",
              "Precious", "Favour", "Ama", "Temi", "Jada"),
        "M": ("Jayden", "Kwame", "Tobi", "Femi", "Chidi", "Tyrese", "Kofi", "Malachi", "Marcus", "Emeka",
              "Josiah", "Daniel", "David", "Kayden", "Isaiah"),
    },
    "east_european": {
        "F": ("Zofia", "Oliwia", "Natalia", "Julia", "Maja", "Ioana", "Alexandra", "Emilia", "Lena", "Wiktoria"),
        "M": ("Jakub", "Filip", "Kacper", "Andrei", "Szymon", "Mateusz", "Lukas", "David", "Antoni", "Dominik"),
    },
    "other": {
        "F": ("Mei", "Yasmin", "Leila", "Sara", "Hana", "Lina", "Maria", "Sofia", "Elif", "Layla",
              "Aaliyah", "Esme", "Nadia", "Anna", "Mariam"),
        "M": ("Adam", "Elias", "Yusuf", "Karim", "Mateo", "Luca", "Ryan", "Kian", "Aaron", "Sami",
              "Amir", "Jonah", "Ethan", "Nathan", "Rafael"),
    },
}

ADULT_FIRST_NAMES = {
    "british": {
        "F": ("Sarah", "Claire", "Emma", "Rachel", "Louise", "Nicola", "Helen", "Joanne", "Kate", "Lisa",
              "Rebecca", "Laura", "Victoria", "Gemma", "Anna", "Jennifer", "Catherine", "Amanda", "Suzanne", "Hayley",
              "Donna", "Karen", "Lindsey", "Kirsty", "Jane"),
        "M": ("David", "Mark", "Paul", "Andrew", "Richard", "Simon", "Stephen", "Michael", "Christopher", "Matthew",
              "Gareth", "Darren", "Neil", "Craig", "Jonathan", "Ian", "Martin", "Lee", "Robert", "Stuart",
              "Peter", "Gavin", "Tom", "Adam", "Philip"),
    },
    "south_asian": {
        "F": ("Nadia", "Shabana", "Sana", "Farzana", "Rukhsana", "Priya", "Anjali", "Harpreet", "Sunita", "Rubina",
              "Asma", "Reena", "Nazia", "Kiran", "Yasmin"),
        "M": ("Imran", "Tariq", "Asif", "Sanjay", "Rajesh", "Kamran", "Naveed", "Amarjit", "Faisal", "Zaheer",
              "Arif", "Vikram", "Shahid", "Rakesh", "Adnan"),
    },
    "black_british": {
        "F": ("Grace", "Funmi", "Abigail", "Ngozi", "Michelle", "Patience", "Yvonne", "Comfort", "Sandra", "Bola"),
        "M": ("Samuel", "Emmanuel", "Kwabena", "Olu", "Delroy", "Anthony", "Chinedu", "Winston", "Tunde", "Joseph"),
    },
    "east_european": {
        "F": ("Agnieszka", "Katarzyna", "Magdalena", "Elena", "Monika", "Ewa"),
        "M": ("Tomasz", "Piotr", "Marek", "Adrian", "Pawel", "Bogdan"),
    },
    "other": {
        "F": ("Leila", "Maria", "Mei Ling", "Hana", "Noura", "Carmen", "Helena", "Rania"),
        "M": ("Ahmed", "Wei", "Carlos", "Omid", "Nikos", "Samir", "Daniel", "Hakan"),
    },
}

LAST_NAMES = {
    "british": ("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
                "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson",
                "Clarke", "Hughes", "Edwards", "Lewis", "Harris", "Turner", "Hill", "Cooper", "Ward", "Moore",
                "Baker", "Bennett", "Shaw", "Holmes", "Barker", "Bailey", "Marsh", "Fletcher", "Webb", "Mason",
                "Lowe", "Pickering", "Bradbury", "Hollins", "Salt", "Platt", "Booth", "Heath", "Rowley", "Brindley",
                "Murphy", "Kelly", "O'Brien", "Campbell", "Stewart", "Griffiths", "Price", "Morgan", "Ellis", "Knight"),
    "south_asian": ("Khan", "Hussain", "Ahmed", "Ali", "Patel", "Shah", "Singh", "Mahmood", "Iqbal", "Akhtar",
                    "Rahman", "Begum", "Chaudhry", "Mirza", "Sharma", "Gill", "Sandhu", "Kaur", "Bibi", "Qureshi",
                    "Malik", "Anwar", "Mistry", "Parmar", "Aziz"),
    "black_british": ("Okafor", "Adeyemi", "Mensah", "Boateng", "Campbell", "Francis", "Johnson", "Williams",
                      "Okoro", "Asante", "Owusu", "Oduya", "Bailey", "Grant", "Clarke", "Eze", "Nwosu", "Brown"),
    "east_european": ("Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kaminski", "Popescu", "Ionescu", "Kazlauskas",
                      "Petrov", "Horvath", "Novak", "Zielinski"),
    "other": ("Chen", "Wong", "Nguyen", "Hassan", "Mohamed", "Yilmaz", "Silva", "Costa", "Ibrahim", "Rossi",
              "Papadopoulos", "Karimi", "Abdi", "Li", "Said"),
}

# Names whose spelling differs for women (Polish surnames).
FEMININE_LAST_NAMES = {"Kowalski": "Kowalska", "Wiśniewski": "Wiśniewska", "Kaminski": "Kaminska", "Zielinski": "Zielinska"}
# Names a man does not carry.
FEMININE_ONLY_LAST_NAMES = frozenset({"Begum", "Kaur", "Bibi"})

# Shares of each heritage among the city's names, before a school's own mix is applied.
CITY_MIX = (("british", 0.64), ("south_asian", 0.16), ("black_british", 0.07), ("east_european", 0.06), ("other", 0.07))

# Places ----------------------------------------------------------------------------------------
CITY = "Riverford"
COUNTY = "Wyvernshire"
# The four districts of the city, one area hub each, with some of their neighbourhoods.
CITY_DISTRICTS = (
    ("Riverford Central", ("Riverford", "Castle Quay", "St Anne's", "Kiln Lane", "Foundry Bank", "Wharfside", "Abbeygate", "Hope Street")),
    ("Northmoor", ("Northmoor", "Ashby Wood", "Highfields", "Moorcroft", "Thornley", "Bramwell", "Larkfield Park", "Coldmoor")),
    ("Eastbank and Kilnworth", ("Eastbank", "Kilnworth", "Sandbrook", "Marlpit", "Brookhouse", "Coyne Green", "Millfield", "Redbrook")),
    ("Southvale and Hatherley", ("Southvale", "Hatherley", "Blythe Vale", "Fenwick Cross", "Oakhurst", "Tarrant Grange", "Merecroft", "Lightmoor")),
)
# Districts of the surrounding county, added at region size (a county-wide partnership).
COUNTY_DISTRICTS = (
    "Ashdown Vale", "Brackenfield", "Castlebury", "Dunmere", "Elmstead Moors", "Fernleigh", "Greyford",
    "Holmbury and Wick", "Kingsmere", "Lowthorpe", "Marston Fields", "Netherby", "Oakendale",
    "Pennington Cross", "Quarrybank", "Redmarsh",
)
# Parts from which further neighbourhood and village names are made.
PLACE_PREFIXES = (
    "Ash", "Birch", "Bram", "Clay", "Elm", "Fox", "Hazel", "Kings", "Lark", "Mill", "Oak", "Thorn", "Wil",
    "Stan", "Brad", "Hol", "Whit", "Cross", "Long", "Mar", "Red", "Stone", "Wood", "Wind", "Bur", "Cal",
    "Chel", "Dor", "Ever", "Gold", "Hather", "Ken", "Lin", "Nether", "Ply", "Rad", "Shel", "Tad", "Wes",
)
PLACE_SUFFIXES = (
    "ford", "ley", "ton", "field", "bury", "wick", "by", "thorpe", "ham", "den", "well", "stead",
    "worth", "dale", "bridge", "hurst", "combe", "gate", "moor", "brook", "cote", "hope", "low", "mere",
)
PLACE_QUALIFIERS = ("", "", "", "", " Green", " Heath", " Park", " Common", " End", " Vale", " Hill")

# Schools and colleges --------------------------------------------------------------------------
SAINTS = ("Aidan's", "Alban's", "Anselm's", "Augustine's", "Bede's", "Benedict's", "Chad's", "Cuthbert's",
          "Edmund's", "Hilda's", "Joseph's", "Margaret's", "Mary's", "Michael's", "Patrick's", "Paul's",
          "Peter's", "Wilfrid's", "Werburgh's", "Thomas More", "John Fisher", "Bernadette's", "Columba's", "Teresa's")
HONOUREES = ("Turing", "Brunel", "Faraday", "Lovelace", "Mary Seacole", "Darwin", "Rosalind Franklin",
             "Attenborough", "Pankhurst", "Dorothy Hodgkin", "Stephenson", "Brontë", "Nightingale", "Elgar")
SCHOOL_FEATURES = ("Grange", "Hill", "Park", "Fields", "Green", "Brook", "Lane", "Meadows", "Valley", "Wood")
SPECIAL_SCHOOL_WORDS = ("Hillside", "Meadowbank", "Brookfield", "Willowdene", "Oakwood", "Riverside",
                        "Springfield", "Woodlands", "Greenacres", "Beechcroft", "Larchwood", "Maplehurst",
                        "Kestrel", "Heronsgate", "Rowan", "Cedars")
PRU_WORDS = ("Bridge", "Compass", "Harbour", "Horizon", "Phoenix", "Pathways", "Gateway", "Lighthouse",
             "Anchor", "Beacon", "Crossroads", "Stepping Stones")

# Employers -------------------------------------------------------------------------------------
BRAND_WORDS = ("Bright", "Blue Kite", "Apex", "Summit", "Keystone", "Anchor", "Beacon", "Copperleaf", "Crimson",
               "Evergreen", "Harbour", "Kestrel", "Lantern", "Meridian", "Nimbus", "Orbit", "Pinnacle", "Quartz",
               "Redwood", "Silverline", "Swift", "Trident", "Vantage", "Willow", "Zenith", "Falcon", "Heron",
               "Osprey", "Granite", "Cobalt", "Amber", "Ember", "Forge", "Pioneer", "Compass", "Signal",
               "Northstar", "Ironstone", "Kingfisher", "Lumen", "Marlin", "Oakleaf", "Peregrine", "Sterling",
               "Tangent", "Upstream", "Vertex", "Wren", "Yellowhammer", "Bluebell")
PUB_ANIMALS = ("Red Lion", "White Hart", "Black Swan", "Golden Fleece", "Royal Oak", "Green Man", "Plough",
               "Rose and Crown", "Kings Head", "Wheatsheaf", "Potters Arms", "Bull", "Fox and Hounds", "Crown")

# Each sector's share of the employers engaged with the partnership, and how each names itself.
# {place} is a neighbourhood, {surname} a family name, {word} a brand word, {first} a first name.
EMPLOYER_SECTORS = {
    "A": (1.0, ("{place} Farm", "{surname} Farms Ltd", "{place} Nurseries", "{place} Dairy")),
    "B": (0.2, ("{place} Quarries Ltd", "{surname} Aggregates Ltd")),
    "C": (10.0, ("{place} Precision Engineering Ltd", "{surname} Engineering Ltd", "{place} Ceramics Ltd",
                 "{word} Plastics Ltd", "{place} Foods Ltd", "{surname} & Sons Joinery", "{word} Fabrications Ltd",
                 "{place} Brewery", "{word} Print Ltd", "{word} Components Ltd", "{surname} Tool & Die Ltd",
                 "{word} Robotics Ltd", "{place} Pottery Works", "{word} Composites Ltd")),
    "D": (2.0, ("{word} Energy Ltd", "{place} Solar Ltd", "{word} Renewables Ltd", "{place} Heat Pumps Ltd")),
    "E": (1.0, ("{place} Recycling Ltd", "{word} Waste Management Ltd", "{surname} Skip Hire")),
    "F": (13.0, ("{surname} Construction Ltd", "{surname} Builders", "{place} Roofing Ltd", "{surname} Electrical Services",
                 "{surname} Plumbing and Heating", "{word} Homes Ltd", "{place} Groundworks Ltd",
                 "{word} Timber Frame Ltd", "{surname} Brothers Contractors", "{word} Modular Build Ltd")),
    "G": (15.0, ("{place} Motors", "{surname}'s Butchers", "{place} Pharmacy", "{place} Garden Centre",
                 "{word} Electricals", "{surname} Hardware", "{place} Bookshop", "{surname} Wholesale Ltd",
                 "{place} Tyres and Exhausts", "{surname}'s Bakery", "{word} Outdoor Store", "{place} Florist")),
    "H": (4.0, ("{place} Logistics Ltd", "{surname} Haulage Ltd", "{place} Taxis", "{word} Couriers Ltd",
                "{place} Coaches")),
    "I": (9.0, ("The {pub}, {place}", "{place} Hotel", "{surname}'s Café", "{place} Kitchen", "{word} Catering Ltd",
                "{place} Fish Bar", "{word} Coffee House")),
    "J": (9.0, ("{word} Digital Ltd", "{word} Software Ltd", "{word} Creative", "{word} Tech Solutions Ltd",
                "{place} Web Design", "{word} Data Ltd", "{word} Games Studio", "{word} Cyber Ltd",
                "{word} Media Productions")),
    "K": (2.0, ("{surname} Financial Planning", "{place} Credit Union", "{word} Insurance Brokers Ltd")),
    "L": (2.0, ("{surname} Estate Agents", "{place} Lettings", "{surname} Property Management")),
    "M": (12.0, ("{surname} & {surname2} Solicitors", "{surname} Accountants", "{place} Architects",
                 "{word} Engineering Consultants Ltd", "{place} Veterinary Practice", "{word} Laboratories Ltd",
                 "{surname} Surveyors", "{word} Marketing Ltd", "{word} Environmental Consultancy",
                 "{surname} Structural Engineers")),
    "N": (7.0, ("{word} Recruitment Ltd", "{place} Cleaning Services", "{word} Security Ltd", "{place} Travel",
                "{word} Facilities Management", "{place} Van Hire")),
    "O": (0.5, ("{place} Town Council", "{place} Parish Council")),
    "P": (2.0, ("{place} Driving School", "{word} Tutoring", "{place} Day Nursery", "{place} Music School")),
    "Q": (8.0, ("{place} Dental Practice", "{place} Care Home", "{place} Medical Practice", "{word} Home Care Ltd",
                "{place} Physiotherapy", "{place} Opticians", "{word} Supported Living", "{place} Pharmacy Services")),
    "R": (3.0, ("{place} Leisure Centre", "{place} Theatre", "{word} Fitness", "{place} Cricket Club",
                "{place} Museum Trust")),
    "S": (4.0, ("{first}'s Hair Studio", "{place} Barbers", "{word} Beauty", "{place} Dry Cleaners",
                "{word} Pet Grooming")),
}

# Names that only a micro or small business carries ("Jones Accountants" employs no 250 people).
SMALL_BUSINESS_WORDS = ("'s ", "Café", "Taxis", "Barbers", "Fish Bar", "Hair", "Dry Cleaners", "Butchers", "Bakery",
                        "Florist", "Bookshop", "Grooming", "Skip Hire", "Driving School", "Accountants", "Surveyors",
                        "Estate Agents", "Web Design", "Physiotherapy", "Opticians", "Dental", "Veterinary", "Lettings",
                        "Plumbing", "Electrical Services", "Builders", "Roofing", "Tutoring", "Music School",
                        "Day Nursery", "Pharmacy", "Farm", "Dairy", "Kitchen", "Coffee", "Beauty", "Brewery")

# Size bands (micro, small, medium, large) by sector; the default elsewhere.
SIZE_WEIGHTS_DEFAULT = (0.55, 0.30, 0.12, 0.03)
SIZE_WEIGHTS = {
    "C": (0.28, 0.40, 0.24, 0.08),
    "F": (0.50, 0.34, 0.13, 0.03),
    "G": (0.66, 0.26, 0.06, 0.02),
    "I": (0.64, 0.29, 0.06, 0.01),
    "S": (0.80, 0.18, 0.02, 0.00),
    "Q": (0.36, 0.36, 0.21, 0.07),
    "O": (0.00, 0.40, 0.50, 0.10),
    "H": (0.45, 0.33, 0.17, 0.05),
}

# The cornerstone employers: larger employers working the partnership's action plan. The first 12
# are the city's; the next 12 join at region size. (name, SIC section, size band, short domain)
CORNERSTONES = (
    ("Riverford City Council", "O", "large", "riverford-council"),
    ("Riverford Teaching Hospitals NHS Trust", "Q", "large", "riverford-hospitals-nhs"),
    ("Riverford Town Football Club", "R", "medium", "riverford-town-fc"),
    ("Kilnworth Aerospace Components Ltd", "C", "large", "kilnworth-aerospace"),
    ("Brightwater Digital Ltd", "J", "large", "brightwater-digital"),
    ("Stonebridge Construction Group", "F", "large", "stonebridge-construction"),
    ("Riverford Fire and Rescue Service", "O", "large", "riverford-fire"),
    ("Hatherley Ceramics Ltd", "C", "large", "hatherley-ceramics"),
    ("Eastbank Logistics Ltd", "H", "large", "eastbank-logistics"),
    ("Northmoor Green Energy Ltd", "D", "medium", "northmoor-green-energy"),
    ("Riverford Building Society", "K", "large", "riverford-bs"),
    ("Southvale Care Group", "Q", "large", "southvale-care"),
    ("Wyvernshire County Council", "O", "large", "wyvernshire-council"),
    ("Wyvernshire Community Health NHS Trust", "Q", "large", "wyvernshire-health-nhs"),
    ("Castlebury Rovers Football Club", "R", "medium", "castlebury-rovers-fc"),
    ("Greyford Automotive Ltd", "C", "large", "greyford-automotive"),
    ("Dunmere Water", "E", "large", "dunmere-water"),
    ("Kingsmere Rail Services Ltd", "H", "large", "kingsmere-rail"),
    ("Holmbury Foods Ltd", "C", "large", "holmbury-foods"),
    ("Wyvern Wind Power Ltd", "D", "medium", "wyvern-wind"),
    ("Lowthorpe Hotels Group", "I", "large", "lowthorpe-hotels"),
    ("Redmarsh Retail Group", "G", "large", "redmarsh-retail"),
    ("Netherby Insurance plc", "K", "large", "netherby-insurance"),
    ("Fernleigh Homes Ltd", "F", "large", "fernleigh-homes"),
)

CITY_CORNERSTONES = 12
# The employer contact's demo account works for this cornerstone (a manufacturer, in every size).
DEMO_EMPLOYER = "Kilnworth Aerospace Components Ltd"

# The partnership's priority growth sectors, in priority order (the Stoke 14–25 strategy's list).
GROWTH_SECTORS = (
    ("J", "Digital"),
    ("M", "STEM and engineering services"),
    ("D", "Green economy"),
    ("F", "Construction (modern methods)"),
    ("C", "Advanced manufacturing"),
    ("Q", "Health and social care"),
)

CONTACT_TITLES = {
    "micro": ("Owner", "Director", "Managing Director", "Practice Manager", "Co-founder"),
    "small": ("Managing Director", "Operations Manager", "Office Manager", "HR Manager", "Director"),
    "medium": ("HR Manager", "Apprenticeship Coordinator", "Learning and Development Manager", "Operations Director",
               "People Partner"),
    "large": ("Early Careers Manager", "Apprenticeship Lead", "Community Engagement Manager", "Talent Acquisition Partner",
              "Head of Learning and Development", "Schools Outreach Officer"),
}
# Providers ----------------------------------------------------------------------------------------
MENTORING_CHARITY = "Stepping Stones Mentoring"
CAREERS_SERVICES = ("Riverford Careers Service", "Wyvernshire Careers Service")
UNIVERSITIES = ("University of Riverford", "Wyvern Metropolitan University", "Castlebury University", "Kingsmere University")
TRAINING_PROVIDER_NAMES = ("{place} Training Ltd", "{word} Apprenticeships", "{place} Construction Skills Centre",
                           "{word} Skills Academy", "{place} Engineering Training Association", "{word} Learning Ltd",
                           "{place} Digital Skills Bootcamp", "{word} Care Academy")
COMMUNITY_ORGANISATION_NAMES = ("{place} Youth Trust", "{place} Community Association", "{place} Young Carers",
                                "{word} Foundation", "{place} Youth Club", "{place} Community Hub",
                                "{place} Refugee and Migrant Centre", "{place} Girls Network")
FIXED_COMMUNITY_ORGANISATIONS = ("Riverford Town Football Club Foundation",)

# Enterprise advisers ----------------------------------------------------------------------------
MATCH_EXPLANATIONS = (
    "{first} leads a team at {employer}; the school wants stronger links with {sector} employers.",
    "Chosen for {sector} experience, which the school's careers plan asks for (Gatsby Benchmark 5).",
    "{first} has helped a careers leader before and lives near the school; {employer} supports staff volunteering.",
    "The school asked for an adviser who can open doors to {sector} work experience (Gatsby Benchmark 6).",
    "Matched at the {hub} network meeting: {employer} already offers the school's students workplace visits.",
)
END_REASONS = (
    "Adviser changed jobs and left the area",
    "Adviser's employer withdrew from the network",
    "Adviser stepped down for family reasons",
    "School restructured its careers team and asked for a fresh match",
    "Adviser moved to support a school nearer their workplace",
)
SECTOR_PHRASES = {
    "A": "land-based", "B": "extractive", "C": "manufacturing", "D": "energy", "E": "environmental services",
    "F": "construction", "G": "retail", "H": "logistics", "I": "hospitality", "J": "digital", "K": "financial services",
    "L": "property", "M": "professional and scientific", "N": "business services", "O": "public service",
    "P": "education", "Q": "health and care", "R": "sport and the arts", "S": "personal services",
}

PARENT_RELATIONSHIPS = (("Mother", 0.55), ("Father", 0.33), ("Stepmother", 0.03), ("Stepfather", 0.03),
                        ("Grandparent", 0.04), ("Carer", 0.02))
