"""Signal detection for Dutch youth language (no Django: usable from any process).

>>> from zicht.detection import detect
>>> detect("kom om 8 uur bij zuidplein, neem je mes mee").labels  # doctest: +SKIP
['geweld', 'wapens']
"""

from zicht.detection.engine import DetectionInputError, detect, detect_many
from zicht.detection.schema import CATEGORIES, Detection, Evidence

__all__ = ["CATEGORIES", "Detection", "DetectionInputError", "Evidence", "detect", "detect_many"]
