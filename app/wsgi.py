"""The production entry point: `gunicorn app.wsgi:app` builds the app and warms the checker."""

from sqlalchemy.exc import SQLAlchemyError

from app import create_app
from app.checks.current import current_lexicon
from app.compliance import warm_up

app = create_app()
# Load jieba and compile the lexicon before the first request, not during a writer's keystroke.
warm_up()
with app.app_context():
    try:
        current_lexicon()
    except SQLAlchemyError:  # database not migrated yet: compile on the first check instead
        pass
