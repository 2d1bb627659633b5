"""The Gatsby Benchmarks as shipped with Careers Hub: the 2014 version and the 2024/25 refresh.

Plain data, no Django. The wording is paraphrased from Gatsby's *Good Career Guidance* (2014) and *Good
Career Guidance: the next ten years* (2024), in the way the Careers & Enterprise Company's Compass asks
a few questions per benchmark. Once installed (migration 0002) the framework is data in the database:
a partnership corrects wording there, without a code change, and a version already installed is never
overwritten from here. A new version is shipped by adding it below and installing it in a new migration.

Each criterion is either answered met, partly met or not met, or, when it has a ``measure``, with a
figure: the percentage of the young people it is about (the cohort named in ``figure_question``),
met at ``threshold``. ``post_16_only`` criteria may be answered "does not apply" by a school without
students over 16.
"""
from datetime import date


def criterion(text: str, hint: str = "", *, post_16_only: bool = False) -> dict:
    return {"text": text, "hint": hint, "measure": "", "threshold": None, "figure_question": "",
            "post_16_only": post_16_only}


def counted(text: str, *, measure: str, figure_question: str, threshold: int = 100, hint: str = "",
            post_16_only: bool = False) -> dict:
    return {"text": text, "hint": hint, "measure": measure, "threshold": threshold,
            "figure_question": figure_question, "post_16_only": post_16_only}


MEANINGFUL_2014 = "Meaningful: the young person learns what work is like or what it takes to succeed in it."
MEANINGFUL_2024 = ("Meaningful: it has a clear purpose, young people are prepared for it beforehand, take an active "
                   "part and reflect on it afterwards.")

GATSBY_2014 = {
    "key": "gatsby-2014",
    "name": "Gatsby 2014",
    "effective_from": date(2014, 4, 1),
    "description": (
        "The eight benchmarks of Good Career Guidance (Gatsby Foundation, 2014), as adopted in the statutory "
        "guidance for schools from 2018."
    ),
    "benchmarks": [
        (1, "A stable careers programme", "Every school has an embedded programme of careers education and guidance "
            "that is known and understood by pupils, parents, teachers and employers.", [
            criterion("The school has a written careers programme, backed by the senior leadership team, with a "
                      "named careers leader who leads it."),
            criterion("The programme is published on the school's website in a way that pupils, parents, teachers "
                      "and employers can find and understand."),
            criterion("The programme is evaluated regularly, using feedback from pupils, parents, teachers and "
                      "employers."),
        ]),
        (2, "Learning from career and labour market information", "Every pupil, and their parents, have access to "
            "good-quality information about future study options and labour market opportunities.", [
            criterion("By the age of 14, every pupil has used information about career paths and the labour market "
                      "to inform their decisions on study options."),
            criterion("Parents are encouraged to use information about labour markets and future study options to "
                      "support their children."),
        ]),
        (3, "Addressing the needs of each pupil", "Pupils have different careers guidance needs at different stages; "
            "opportunities for advice and support are tailored to the needs of each pupil.", [
            criterion("The careers programme actively challenges stereotypical thinking and raises aspirations."),
            criterion("The school keeps a record of the advice given to each pupil and the decisions agreed, which "
                      "the pupil can see."),
            criterion("The school collects each pupil's education, training or employment destination for at least "
                      "three years after they leave."),
        ]),
        (4, "Linking curriculum learning to careers", "All teachers link curriculum learning with careers.", [
            criterion("By the age of 14, every pupil has learnt how the different subjects they study, STEM subjects "
                      "in particular, help people into a wide range of careers."),
            criterion("Subject teachers link curriculum learning with careers, and STEM teachers highlight the "
                      "relevance of their subjects to a wide range of future careers."),
        ]),
        (5, "Encounters with employers and employees", "Every pupil has multiple opportunities to learn from "
            "employers about work, employment and the skills that are valued in the workplace.", [
            counted("Every year from the age of 11, every pupil takes part in at least one meaningful encounter with "
                    "an employer.", measure="employer_encounters_per_student_year",
                    figure_question="Percentage of pupils in years 7 to 13 who had at least one meaningful encounter "
                                    "with an employer this academic year", hint=MEANINGFUL_2014),
            criterion("Encounters come through a range of activities, such as careers talks, mentoring, enterprise "
                      "schemes and employer visits, with employers from a range of sectors."),
        ]),
        (6, "Experiences of workplaces", "Every pupil has first-hand experiences of the workplace through work "
            "visits, work shadowing or work experience.", [
            counted("By the age of 16, every pupil has had at least one experience of a workplace, additional to "
                    "any part-time jobs they may have.", measure="workplace_experience_by_16",
                    figure_question="Percentage of year 11 who have had at least one experience of a workplace"),
            counted("By the age of 18, every pupil has had one further experience of a workplace, additional to any "
                    "part-time jobs they may have.", measure="workplace_experience_by_18",
                    figure_question="Percentage of year 13 who have had a further experience of a workplace since 16",
                    post_16_only=True),
        ]),
        (7, "Encounters with further and higher education", "All pupils understand the full range of learning "
            "opportunities available to them, academic and vocational, in schools, colleges, universities and "
            "the workplace.", [
            counted("By the age of 16, every pupil has had a meaningful encounter with providers of the full range "
                    "of learning opportunities: sixth forms, colleges, universities and apprenticeship providers, "
                    "meeting both staff and learners.", measure="fe_he_encounters",
                    figure_question="Percentage of year 11 who have met providers of the full range of learning "
                                    "opportunities"),
            criterion("By the age of 18, every pupil considering university has visited at least two universities "
                      "to meet staff and students.", post_16_only=True),
        ]),
        (8, "Personal guidance", "Every pupil has opportunities for guidance interviews with a careers adviser, "
            "internal or external, trained to an appropriate level.", [
            counted("Every pupil has had at least one guidance interview with a careers adviser, internal or "
                    "external, by the age of 16.", measure="guidance_interview_by_16",
                    figure_question="Percentage of year 11 who have had a guidance interview with a careers adviser"),
            counted("Every pupil has had the opportunity of a further guidance interview by the age of 18.",
                    measure="guidance_interview_by_18",
                    figure_question="Percentage of year 13 who have had a further guidance interview since 16",
                    post_16_only=True),
            criterion("Guidance interviews are timed to meet pupils' needs, when significant study or career "
                      "choices are being made."),
        ]),
    ],
}

GATSBY_2024 = {
    "key": "gatsby-2024",
    "name": "Gatsby 2024/25 refresh",
    "effective_from": date(2025, 9, 1),
    "description": (
        "The refreshed benchmarks of Good Career Guidance: the next ten years (Gatsby Foundation, November 2024), "
        "expected in schools and colleges from the 2025/26 academic year: careers at the heart of leadership, "
        "inclusion, meaningful and varied encounters and experiences, better use of data, and parents and carers "
        "as partners."
    ),
    "benchmarks": [
        (1, "A stable careers programme", "Every school and college has an embedded careers programme, led from "
            "the top, that young people, parents and carers, teachers and employers know and understand.", [
            criterion("A written careers programme is backed by governors and senior leaders and led by a trained "
                      "careers leader with the time and resources to lead it."),
            criterion("The programme is published on the website for young people, parents and carers, staff and "
                      "employers, with the careers leader's name and contact details and the provider access "
                      "policy statement."),
            criterion("The programme is evaluated at least once a year, using feedback from young people, parents "
                      "and carers, staff and employers, and data on young people's participation and destinations."),
        ]),
        (2, "Learning from career and labour market information", "Every young person, and their parents and "
            "carers, use good-quality information about study options and the labour market.", [
            criterion("By the age of 14, every young person has used information about career paths and the labour "
                      "market, including the local growth sectors, to inform their decisions on study options."),
            criterion("Parents and carers are given information about careers and the labour market and supported "
                      "to use it with their children."),
            criterion("Young people get help to understand and use labour market information, adapted for those "
                      "with special educational needs and disabilities."),
        ]),
        (3, "Addressing the needs of each young person", "Opportunities for advice and support are tailored to "
            "each young person, with explicit attention to those with SEND and to disadvantaged and vulnerable "
            "young people.", [
            criterion("The careers programme challenges stereotypes and raises aspirations, with activities adapted "
                      "for young people with SEND and for disadvantaged and vulnerable young people."),
            criterion("The school records each young person's aspirations, the careers activities they take part in "
                      "and the advice given, and the young person can see their record."),
            criterion("The school collects each young person's education, training or employment destination for at "
                      "least three years after they leave, and uses it to improve the programme."),
        ]),
        (4, "Linking curriculum learning to careers", "Subject teachers and leaders link curriculum learning with "
            "careers in every subject.", [
            criterion("By the age of 14, every young person has learnt how the subjects they study, STEM subjects in "
                      "particular, lead to a wide range of careers."),
            criterion("Subject leaders and teachers link curriculum learning with careers in every subject, and are "
                      "supported to do so through training."),
        ]),
        (5, "Encounters with employers and employees", "Every young person has multiple meaningful encounters with "
            "employers and employees.", [
            counted("Every year from the age of 11, every young person takes part in at least one meaningful "
                    "encounter with an employer.", measure="employer_encounters_per_student_year",
                    figure_question="Percentage of young people in years 7 to 13 who had at least one meaningful "
                                    "encounter with an employer this academic year", hint=MEANINGFUL_2024),
            criterion("Encounters are meaningful: they have a clear purpose, young people are prepared beforehand, "
                      "take an active part and reflect on them afterwards."),
            criterion("Encounters come from a range of employers and employees, including the local growth sectors, "
                      "and are accessible to young people with SEND."),
        ]),
        (6, "Experiences of workplaces", "Every young person has first-hand, meaningful experiences of "
            "workplaces.", [
            counted("By the age of 16, every young person has had at least one meaningful experience of a "
                    "workplace, additional to any part-time job.", measure="workplace_experience_by_16",
                    figure_question="Percentage of year 11 who have had at least one experience of a workplace",
                    hint=MEANINGFUL_2024),
            counted("By the age of 18, every young person has had one further meaningful experience of a workplace.",
                    measure="workplace_experience_by_18",
                    figure_question="Percentage of year 13 who have had a further experience of a workplace since 16",
                    post_16_only=True),
            criterion("Experiences of workplaces are meaningful (a clear purpose, preparation, active participation "
                      "and reflection) and are adapted so that young people with SEND and disadvantaged young "
                      "people take part."),
        ]),
        (7, "Encounters with further and higher education", "Every young person understands the full range of "
            "learning opportunities open to them: academic, technical and vocational.", [
            counted("By the age of 16, every young person has had a meaningful encounter with providers of the full "
                    "range of learning opportunities: sixth forms, colleges, universities, apprenticeship and "
                    "independent training providers.", measure="fe_he_encounters",
                    figure_question="Percentage of year 11 who have met providers of the full range of learning "
                                    "opportunities", hint=MEANINGFUL_2024),
            criterion("By the age of 18, every young person has had a further meaningful encounter with providers, "
                      "and those considering university have visited at least two.", post_16_only=True),
            criterion("Providers of technical education and apprenticeships are given the six encounters the "
                      "provider access duty sets out (two in years 8 or 9, two in years 10 or 11, two in years 12 "
                      "or 13), and the provider access policy statement is published."),
        ]),
        (8, "Personal guidance", "Every young person has personal guidance from a trained careers adviser, timed "
            "for when they make choices.", [
            counted("Every young person has had at least one guidance interview with a trained careers adviser by "
                    "the age of 16.", measure="guidance_interview_by_16",
                    figure_question="Percentage of year 11 who have had a guidance interview with a careers adviser"),
            counted("Every young person has had a further guidance interview by the age of 18.",
                    measure="guidance_interview_by_18",
                    figure_question="Percentage of year 13 who have had a further guidance interview since 16",
                    post_16_only=True),
            criterion("Guidance is timed for when choices are made, the outcome is recorded and shared with the "
                      "young person, and with parents and carers where appropriate."),
        ]),
    ],
}

VERSIONS = (GATSBY_2014, GATSBY_2024)
