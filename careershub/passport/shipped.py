"""The skills framework the demo partnership ships with: eight employability skills, five levels each.

Plain data written for Careers Hub (no Django at import), for young people from 11 to 25 and the
employers who endorse them: each level says what someone at that level actually does, so that a
young person can pick the level that fits and an employer can tell whether it does. A partnership
drafts its own from this as a starting point (a new version starts as a copy of the last), consults
its schools and employers, and approves it before use.

``ensure_demo_framework(partnership, approved_by)`` installs it, approved, for a partnership that has
no approved framework yet (the demo city and tests call it); it returns the approved framework.
"""
LEVEL_NAMES = {1: "Starting out", 2: "Developing", 3: "Capable", 4: "Confident", 5: "Leading"}

DEMO_FRAMEWORK = {
    "name": "Skills for life and work",
    "introduction": (
        "Eight skills that employers, colleges and universities in our area told us matter most, with five "
        "levels each. Nobody is expected to be at level 5: most people in a first job are at level 3 or 4 in "
        "most skills. Pick the level whose description sounds like what you did, and ask the employer who saw "
        "you do it, or your school's enterprise adviser, to endorse it."
    ),
    "skills": [
        ("Communication", "Sharing ideas and information clearly, and listening to other people.", [
            "I can say what I think to a small group of people I know, and listen when others speak.",
            "I can explain something simple to someone I do not know, and ask questions when I do not understand.",
            "I can change how I speak or write for different people, such as a customer, a teacher or a friend, "
            "and check they have understood me.",
            "I can present to a group, answer their questions, and write clearly for work, such as an email or "
            "a short report.",
            "I can explain complicated ideas so that anyone can follow them, and help others to communicate "
            "better.",
        ]),
        ("Teamwork", "Working well with other people to get something done together.", [
            "I can work with others on a task when an adult helps us organise it.",
            "I do my share of a group task and help other people in the team when they ask.",
            "I agree with my team who does what, keep my promises to them, and help sort out small "
            "disagreements.",
            "I bring out the best in the people I work with, share credit, and help the team change plans when "
            "something goes wrong.",
            "I can bring together people who do not know each other into a team that works well, and help each "
            "person play to their strengths.",
        ]),
        ("Problem solving", "Working out what is wrong and finding a way to put it right.", [
            "I can tell when something is not working and ask for help with it.",
            "I can try a way to solve a simple problem, and try another if the first does not work.",
            "I can find out more about a problem, think of different solutions, and choose the best one with "
            "reasons.",
            "I can break a bigger problem into parts, test my ideas, and learn from what did not work.",
            "I can tackle problems nobody has solved before, weigh up the risks, and explain my solution to "
            "others.",
        ]),
        ("Creativity", "Coming up with new ideas and new ways of doing things.", [
            "I can share an idea of my own when I am asked to.",
            "I can come up with several ideas and build on other people's ideas.",
            "I can use ideas from one place in another, and try something new even when I am not sure it will "
            "work.",
            "I can turn my ideas into a plan, try them out, and improve them from what people say.",
            "I can lead others to come up with new ideas, and make them happen in the real world.",
        ]),
        ("Self-management", "Organising yourself, your time and your work.", [
            "I can arrive on time with what I need when someone reminds me.",
            "I can follow a simple plan and finish a task by a deadline with some help.",
            "I can plan my own time, keep to deadlines, and tell someone early if I will not manage.",
            "I can manage several tasks at once, decide what comes first, and keep going without being checked "
            "on.",
            "I can set my own goals, plan how to reach them over months, and help others plan their work.",
        ]),
        ("Leadership", "Helping other people and taking responsibility for what a group does.", [
            "I can take on a small job that helps my group, such as handing things out.",
            "I can take charge of part of a task and encourage others to join in.",
            "I can lead a small group through a task, give people clear jobs, and listen to what they think.",
            "I can lead a team through a project, make fair decisions, and support people who are struggling.",
            "I can lead people I have not worked with before, set a direction everyone understands, and help "
            "others grow as leaders.",
        ]),
        ("Resilience", "Keeping going when things are hard, and bouncing back when they go wrong.", [
            "I can keep trying at something difficult for a short time with encouragement.",
            "I can accept feedback without getting upset, and try again after a setback.",
            "I can stay calm when things go wrong, learn from mistakes, and ask for help when I need it.",
            "I can keep going through a long or difficult task, adapt when plans change, and use feedback to "
            "improve.",
            "I can stay positive under pressure, help others through setbacks, and see challenges as chances "
            "to learn.",
        ]),
        ("Digital skills", "Using technology safely and well to learn, work and get things done.", [
            "I can use a computer, tablet or phone to find information and keep my passwords private.",
            "I can create a simple document, slide show or spreadsheet, and tell whether a website is "
            "trustworthy.",
            "I can use work tools to share files, write professional emails and join online meetings, and keep "
            "personal information safe.",
            "I can choose the right tool for a job, work with data in a spreadsheet, and solve common technical "
            "problems myself.",
            "I can learn new technology quickly, build something useful with it, such as a website, an app or a "
            "model, and teach others to use it.",
        ]),
    ],
}


def ensure_demo_framework(partnership, approved_by):
    """The partnership's approved framework, installing the demo framework (version 1, approved by
    ``approved_by``) when it has none approved."""
    from . import services

    return services.framework_install(partnership=partnership, description=DEMO_FRAMEWORK, approved_by=approved_by)
