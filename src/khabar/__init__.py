"""khabar: a Persian news engine.

Repairs Persian text as it arrives from the web and turns articles into structured facts. The
public surface is declared here; everything else is internal and may change.

    >>> import khabar
    >>> khabar.normalize("ميشود ۱۲ ، 3.5").text
    'میشود ۱۲، ۳.۵'
"""

from khabar._version import __version__
from khabar.errors import DataError, InputError, KhabarError, OptionError
from khabar.model import Analysis, Article
from khabar.pipeline import analyze
from khabar.text.normalize import Text, normalize
from khabar.text.offsets import OffsetMap
from khabar.text.options import NormalizeOptions

__all__ = [
    "Analysis",
    "Article",
    "DataError",
    "InputError",
    "KhabarError",
    "NormalizeOptions",
    "OffsetMap",
    "OptionError",
    "Text",
    "__version__",
    "analyze",
    "normalize",
]
