"""Page-number pagination: 50 rows a page by default, `?page_size=` up to 500."""

from rest_framework.pagination import PageNumberPagination


class Halaman(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    page_query_description = "Nomor halaman (mulai 1)."
    page_size_query_description = "Jumlah baris per halaman (bawaan 50, maksimal 500)."
