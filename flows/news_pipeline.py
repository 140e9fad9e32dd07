"""The deployment's entrypoint (`prefect.yaml`: flows/news_pipeline.py:news_pipeline).

The flow lives in the package (`newsquotes.flow`), so worker processes and Dask workers
import it like any other module; this file only names it for Prefect.
"""

from newsquotes.flow import news_pipeline

__all__ = ["news_pipeline"]
