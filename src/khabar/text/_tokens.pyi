# Types of the compiled token table (_tokens.c).

_Edit = tuple[int, int, str]

class TokenTable:
    def add(
        self,
        token: str,
        flags: int,
        edits: tuple[_Edit, ...] | None,
        alternative: tuple[_Edit, ...] | None,
    ) -> None: ...
    def scan(self, text: str) -> tuple[list[_Edit], list[tuple[int, int]], list[int]]: ...
    def clear(self) -> None: ...
    def __len__(self) -> int: ...
